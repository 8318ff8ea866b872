using ActorChat.WebFront.Realtime.Admission;

namespace ActorChat.WebFront.GraphQL.Execution;

/// <summary>
/// Where one GraphQL operation came from, as the event model needs it: the HTTP request (or the WebSocket's upgrade
/// request) and a token its protocol carried, so subscriptions and emits are admitted like any client of a
/// namespace. It also holds what the operation opened (subscriptions' connections), closed when the operation ends.
/// </summary>
public sealed class RequestOrigin(HttpContext http, string transport, string? token = null) : IDisposable
{
    private readonly Lock _lock = new();
    private List<IDisposable>? _resources = [];

    /// <summary>The transport name connections opened by this operation report (<c>graphql-ws</c>, <c>graphql-http</c>).</summary>
    public string Transport => transport;

    /// <summary>The request to admit, for a namespace, as if the client connected to it.</summary>
    public ConnectionRequest For(string @namespace) => ConnectionRequest.From(http, @namespace, transport) with { Token = token };

    /// <summary>Closes <paramref name="resource"/> when the operation ends (at once if it has ended).</summary>
    public void Track(IDisposable resource)
    {
        lock (_lock)
        {
            if (_resources is not null)
            {
                _resources.Add(resource);
                return;
            }
        }
        resource.Dispose();
    }

    public void Dispose()
    {
        List<IDisposable>? resources;
        lock (_lock) (resources, _resources) = (_resources, null);
        foreach (var resource in resources ?? []) resource.Dispose();
    }
}
