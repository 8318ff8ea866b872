using System.Reflection;

namespace ActorChat.Bench.GraphQLValidation;

/// <summary>A grain factory for a schema that is only validated against, never executed: any call is a bug here.</summary>
public class Unreachable : DispatchProxy
{
    public static readonly IGrainFactory GrainFactory = Create<IGrainFactory, Unreachable>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException($"Validation called {targetMethod?.Name} on the grain factory.");
}
