using System.Text.Json;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>A namespace and the handler class that serves it.</summary>
public sealed record NamespaceRegistration(string Name, Type HandlerType);

/// <summary>The namespaces this front serves, each with its one handler instance.</summary>
public sealed class NamespaceRegistry
{
    private readonly Dictionary<string, RegisteredNamespace> _namespaces;

    public NamespaceRegistry(IEnumerable<NamespaceRegistration> registrations, IServiceProvider services)
    {
        var maps = new Dictionary<Type, HandlerMap>();
        _namespaces = registrations.ToDictionary(
            r => r.Name,
            r => new RegisteredNamespace(
                (NamespaceHandler)ActivatorUtilities.CreateInstance(services, r.HandlerType),
                maps.TryGetValue(r.HandlerType, out var map) ? map : maps[r.HandlerType] = new HandlerMap(r.HandlerType)),
            StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _namespaces.Keys;

    public bool Contains(string @namespace) => _namespaces.ContainsKey(@namespace);

    public NamespaceHandler HandlerOf(string @namespace) => _namespaces[@namespace].Handler;

    /// <summary>Runs the handler of an event: its own method if it has one, else <see cref="NamespaceHandler.OnAny"/>.</summary>
    internal Task<object?> InvokeAsync(EventContext context, string @event, JsonElement[] args)
    {
        var ns = _namespaces[context.Namespace];
        return ns.Map.Find(@event) is { } method
            ? method.InvokeAsync(ns.Handler, context, @event, args)
            : ns.Handler.OnAny(context, @event, args);
    }

    private sealed record RegisteredNamespace(NamespaceHandler Handler, HandlerMap Map);
}
