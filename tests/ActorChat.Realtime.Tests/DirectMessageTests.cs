using System.Security.Claims;
using ActorChat.Testing;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// An application's own identity scheme plugged in through <see cref="IUserIdentityResolver"/>: here some
/// clients prove who they are and guests do not. With authentication on, only proven senders may send
/// direct messages, while guests may still talk in open rooms.
/// </summary>
public sealed class DirectMessageTests
{
    private sealed class GuestsOrMembers : IUserIdentityResolver
    {
        public ValueTask<UserIdentity> ResolveAsync(ConnectionRequest request) => ValueTask.FromResult(
            request.QueryValue("member") is { } member
                ? new UserIdentity(member, member, new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", member)], "test")))
                : UserIdentity.Anonymous("guest-" + Guid.NewGuid().ToString("N")[..8]));
    }

    [Fact]
    public async Task A_direct_message_needs_an_authenticated_sender_and_an_application_can_plug_its_own_scheme()
    {
        await using var server = await ActorChatServer.StartAsync(TestTokens.ServerSettings(),
            (builder, _) => builder.Services.AddSingleton<IUserIdentityResolver, GuestsOrMembers>());
        await using var alice = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat?member=alice"));
        await using var bob = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat?member=bob"));
        await using var guest = await EnvelopeClient.ConnectAsync(server.Ws("ws/chat"));
        Assert.Equal("alice", alice.User);

        await guest.EmitAndWaitHandledAsync("notice", new { to = "alice", text = "from a guest" });
        Assert.Equal("forbidden", (await guest.NextEventAsync("error"))[0].GetProperty("code").GetString());
        await guest.EmitAndWaitHandledAsync("notice", new { sid = alice.Sid, text = "from a guest" });
        Assert.Equal("forbidden", (await guest.NextEventAsync("error"))[0].GetProperty("code").GetString());

        await bob.EmitWithAckAsync("notice", new { to = "alice", text = "from bob" });
        Assert.Equal("from bob", (await alice.NextEventAsync("notice"))[0].GetProperty("text").GetString());
        Assert.True(await alice.ReceivesNoneAsync("notice", TimeSpan.FromMilliseconds(300)));
    }
}
