using System.Net;
using System.Text.Json;
using ActorChat.WebFront.Realtime.Recovery;

namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// A client asking to connect to a namespace, as its transport saw the request: the handshake's headers,
/// query and addresses, plus what the transport's own protocol carried (a Socket.IO CONNECT's auth object,
/// a token an MQTT password or a graphql-ws init message holds). Identity resolvers read credentials from it.
/// </summary>
public sealed record ConnectionRequest
{
    public required string Namespace { get; init; }

    /// <summary>The transport's name, as presence reports it (<c>websocket</c>, <c>signalr</c>, <c>socket.io</c>…).</summary>
    public required string Transport { get; init; }

    public required IHeaderDictionary Headers { get; init; }

    public required IQueryCollection Query { get; init; }

    /// <summary>The scheme and host the client addressed, which same-origin pages share.</summary>
    public required string Scheme { get; init; }

    public required HostString Host { get; init; }

    public IPAddress? RemoteAddress { get; init; }

    /// <summary>What the client sent when it connected, if its protocol has such a thing (Socket.IO's CONNECT auth object).</summary>
    public JsonElement? Auth { get; init; }

    /// <summary>A credential the transport's own protocol carried (Socket.IO's <c>auth.token</c>, an MQTT password), or null.</summary>
    public string? Token { get; init; }

    /// <summary>Set by a transport whose clients keep sessions; null for one that keeps none (MQTT, GraphQL).</summary>
    public SessionRequest? Session { get; init; }

    /// <summary>The browser's <c>Origin</c> header; empty for clients that send none (node, .NET, mobile).</summary>
    public string Origin => Headers.Origin.ToString();

    /// <summary>
    /// The request a transport is handling now. With <paramref name="copy"/>, headers and query are copied,
    /// for a transport that admits the client later than the request lives (Socket.IO connects namespaces
    /// after the Engine.IO handshake has been answered).
    /// </summary>
    public static ConnectionRequest From(HttpContext http, string @namespace, string transport, bool copy = false) => new()
    {
        Namespace = @namespace,
        Transport = transport,
        Headers = copy ? new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)) : http.Request.Headers,
        Query = copy ? new QueryCollection(http.Request.Query.ToDictionary(q => q.Key, q => q.Value)) : http.Request.Query,
        Scheme = http.Request.Scheme,
        Host = http.Request.Host,
        RemoteAddress = http.Connection.RemoteIpAddress,
    };

    /// <summary>A query parameter's value, or null when absent.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, or null.</summary>
    public string? BearerToken
    {
        get
        {
            var header = Headers.Authorization.ToString();
            const string prefix = "Bearer ";
            return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
        }
    }

}
