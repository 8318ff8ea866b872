using System.Reflection;
using System.Text;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>Which method of a handler class handles which event, found once per class.</summary>
internal sealed class HandlerMap
{
    private static readonly HashSet<string> Lifecycle = [nameof(NamespaceHandler.OnConnect), nameof(NamespaceHandler.OnDisconnect), nameof(NamespaceHandler.OnAny)];

    private readonly Dictionary<string, HandlerMethod> _byEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandlerMethod> _byMethodName = new(StringComparer.Ordinal);

    public HandlerMap(Type handlerType)
    {
        var methods = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(NamespaceHandler) && m.DeclaringType != typeof(object) && !m.IsSpecialName);
        foreach (var method in methods)
        {
            var named = method.GetCustomAttributes<EventAttribute>().ToList();
            foreach (var attribute in named) _byEvent[attribute.Name] = new HandlerMethod(method);
            if (named.Count == 0 && method.Name.StartsWith("On", StringComparison.Ordinal) && !Lifecycle.Contains(method.Name))
                _byMethodName[method.Name] = new HandlerMethod(method);
        }
    }

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
