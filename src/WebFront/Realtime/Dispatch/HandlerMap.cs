using System.Reflection;
using System.Text;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>Which method of a handler class handles which event, found once per class.</summary>
internal sealed class HandlerMap
{
    /// <summary>
    /// The names of <see cref="NamespaceHandler"/>'s own hooks (<c>OnConnecting</c>, <c>OnConnect</c>,
    /// <c>OnJoining</c>…), read from its declaration: a hook added there is covered with no list to update.
    /// </summary>
    private static readonly HashSet<string> HookNames = typeof(NamespaceHandler)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

    private readonly Dictionary<string, HandlerMethod> _byEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerMethod> _byMethodName = new(StringComparer.Ordinal);

    public HandlerMap(Type handlerType)
    {
        // A hook is declared by NamespaceHandler; an override of it is still that hook, never an event handler.
        var methods = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetBaseDefinition().DeclaringType is { } declared && declared != typeof(NamespaceHandler) && declared != typeof(object) && !m.IsSpecialName);
        foreach (var method in methods)
        {
            var named = method.GetCustomAttributes<EventAttribute>().ToList();
            foreach (var attribute in named) _byEvent[attribute.Name] = new HandlerMethod(method);
            if (named.Count == 0 && method.Name.StartsWith("On", StringComparison.Ordinal))
                _byMethodName[method.Name] = new HandlerMethod(method);
        }
    }

    /// <summary>True for an event whose name is a hook's (<c>connecting</c> → <c>OnConnecting</c>): clients may not send it.</summary>
    public static bool IsHookName(string @event) => HookNames.Contains(MethodNameOf(@event));

    public HandlerMethod? Find(string @event) =>
        _byEvent.GetValueOrDefault(@event) ?? _byMethodName.GetValueOrDefault(MethodNameOf(@event));

    /// <summary><c>my_event</c> → <c>OnMyEvent</c>; names that are not identifiers map to no method.</summary>
    internal static string MethodNameOf(string @event)
    {
        var name = new StringBuilder("On", @event.Length + 2);
        var upper = true;
        foreach (var c in @event)
        {
            if (c == '_') { upper = true; continue; }
            if (!char.IsLetterOrDigit(c)) return "";
            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return name.ToString();
    }
}
