using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace ActorChat.WebFront.Realtime.Dispatch;

/// <summary>One event-handling method of a namespace handler, with its arguments bound from JSON.</summary>
internal sealed class HandlerMethod
{
    private readonly MethodInfo _method;
    private readonly bool _takesContext;
    private readonly Type[] _argumentTypes;
    private readonly bool[] _acceptsNull;
    private readonly bool _variadic;
    private readonly PropertyInfo? _taskResult;

    public HandlerMethod(MethodInfo method)
    {
        _method = method;
        var parameters = method.GetParameters();
        _takesContext = parameters.Length > 0 && parameters[0].ParameterType == typeof(EventContext);
        var arguments = parameters.Skip(_takesContext ? 1 : 0).ToArray();
        _variadic = arguments.Length > 0 && arguments[^1].ParameterType == typeof(JsonElement[]) && arguments[^1].IsDefined(typeof(ParamArrayAttribute));
        _argumentTypes = arguments.Select(p => p.ParameterType).ToArray();
        // A JSON null binds only where the handler said it may (string?, int?, JsonElement); elsewhere it is a bad argument.
        var nullability = new NullabilityInfoContext();
        _acceptsNull = arguments.Select(p =>
            p.ParameterType == typeof(JsonElement) || Nullable.GetUnderlyingType(p.ParameterType) is not null
            || (!p.ParameterType.IsValueType && nullability.Create(p).ReadState != NullabilityState.NotNull)).ToArray();
        _taskResult = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetProperty(nameof(Task<object>.Result))
            : null;
    }

    /// <summary>Binds the arguments, calls the method and returns what it returned (null for none).</summary>
    public async Task<object?> InvokeAsync(NamespaceHandler handler, EventContext context, string @event, JsonElement[] args)
    {
        var call = new object?[_argumentTypes.Length + (_takesContext ? 1 : 0)];
        if (_takesContext) call[0] = context;
        Bind(@event, args, context.Attachments, call.AsSpan(_takesContext ? 1 : 0));

        object? returned;
        try
        {
            returned = _method.Invoke(handler, call);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        if (returned is not Task task) return returned;
        await task;
        return _taskResult?.GetValue(task);
    }

    private void Bind(string @event, JsonElement[] args, IReadOnlyList<byte[]> attachments, Span<object?> target)
    {
        var fixedCount = _variadic ? _argumentTypes.Length - 1 : _argumentTypes.Length;
        if (_variadic ? args.Length < fixedCount : args.Length != fixedCount)
        {
            var expected = _variadic ? $"at least {fixedCount}" : fixedCount.ToString();
            throw new ClientInputException(ClientError.ArityMismatch,
                $"The event '{@event}' takes {expected} argument(s) but {args.Length} were sent.",
                new Dictionary<string, object?> { ["expected"] = fixedCount, ["received"] = args.Length, ["variadic"] = _variadic });
        }

        for (var i = 0; i < fixedCount; i++)
        {
            if (args[i].ValueKind == JsonValueKind.Null && !_acceptsNull[i])
                throw new ClientInputException(ClientError.BadArgument, $"Argument {i + 1} of the event '{@event}' must not be null.",
                    new Dictionary<string, object?> { ["argument"] = i + 1 });
            target[i] = Convert(@event, i, args[i], _argumentTypes[i], attachments);
        }
        if (_variadic) target[fixedCount] = args[fixedCount..];
    }

    private static object? Convert(string @event, int index, JsonElement arg, Type type, IReadOnlyList<byte[]> attachments)
    {
        if (type == typeof(JsonElement)) return arg;
        // A binary argument arrives as a placeholder into the event's attachments (Socket.IO), or as base64 (JSON transports).
        if (type == typeof(byte[]) && EventPayload.IsPlaceholder(arg, out var num) && num >= 0 && num < attachments.Count)
            return attachments[num];
        try
        {
            return arg.Deserialize(type, JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ClientInputException(ClientError.BadArgument,
                $"Argument {index + 1} of the event '{@event}' is not a valid {type.Name}.",
                new Dictionary<string, object?> { ["argument"] = index + 1 });
        }
    }
}
