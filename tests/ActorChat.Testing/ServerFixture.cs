using Xunit;

namespace ActorChat.Testing;

/// <summary>One ActorChat server shared by a test class.</summary>
public class ServerFixture : IAsyncLifetime
{
    public ActorChatServer Server { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async ValueTask InitializeAsync() => Server = await ActorChatServer.StartAsync(Settings);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
