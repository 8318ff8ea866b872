using System.Net;
using ActorChat.Testing;
using static ActorChat.Web.Tests.BrowserScript;

namespace ActorChat.Web.Tests;

/// <summary>
/// The chat page at <c>/</c> in headless Chromium: people on different transports in one room see each
/// other, chat, and see each other leave; the page works with the keyboard alone and shows the server's
/// errors. Screenshots of every step are kept under artifacts/chat-page/.
/// </summary>
public sealed class ChatPageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private string BaseUrl => fixture.Server.BaseUri.ToString().TrimEnd('/');

    [Theory]
    [InlineData("websocket", "socketio")]
    [InlineData("signalr", "websocket")]
    public async Task Two_people_on_two_transports_join_a_room_chat_and_see_one_leave(string alice, string bob)
    {
        var room = $"page-{alice}-{bob}";
        var steps = await RunAsync("chat-page.mjs", BaseUrl, RepositoryFolders.Artifacts($"chat-page/{alice}-{bob}"), room, alice, bob);

        Assert.StartsWith("Connected to /chat as alice", steps["connected"].GetProperty("alice").GetString());
        Assert.StartsWith("Connected to /chat as bob", steps["connected"].GetProperty("bob").GetString());
        Assert.Equal(["alice", "bob"], Strings(steps["joined"].GetProperty("alice")));
        Assert.Equal(["alice", "bob"], Strings(steps["joined"].GetProperty("bob")));
        Assert.Equal([$"{room}youhello from alice", $"{room}bobhello from bob"], Strings(steps["messages"].GetProperty("alice")));
        Assert.Equal([$"{room}alicehello from alice", $"{room}youhello from bob"], Strings(steps["messages"].GetProperty("bob")));
        Assert.Equal(["directbob → youpsst, alice"], Strings(steps["direct"].GetProperty("alice")));
        Assert.Equal(["alice"], Strings(steps["left"].GetProperty("alice")));
        Assert.Equal(0, steps["left"].GetProperty("bobRooms").GetInt32());
        // At 390 px wide nothing sticks out sideways.
        Assert.Equal(390, steps["narrow"].GetProperty("width").GetInt32());
        Assert.Equal(0, steps["narrow"].GetProperty("overflow").GetInt32());
    }

    [Fact]
    public async Task The_page_works_from_the_keyboard_and_shows_the_servers_errors()
    {
        var steps = await RunAsync("chat-page-keyboard.mjs", BaseUrl, RepositoryFolders.Artifacts("chat-page/keyboard"), "page-keyboard");

        Assert.Equal(200, steps["links"].GetProperty("links").GetProperty("GraphiQL").GetInt32());
        Assert.Equal(200, steps["links"].GetProperty("links").GetProperty("Dashboard").GetInt32());
        Assert.Equal("Could not connect: Invalid namespace", steps["refused"].GetProperty("error").GetString());
        Assert.StartsWith("Connected to /chat as carol over SignalR", steps["connected"].GetProperty("status").GetString());
        Assert.Equal("room", steps["connected"].GetProperty("focused").GetString());
        Assert.Contains("page-keyboardyoutyped, not clicked", Strings(steps["chatted"].GetProperty("log")));
        Assert.Contains("The event name 'connect' is reserved for the server. (reserved_event)", Strings(steps["error"].GetProperty("notices")));
        Assert.Equal("user", steps["disconnected"].GetProperty("focused").GetString());
    }

    [Fact]
    public async Task The_page_and_its_clients_are_served_by_ActorChat_itself()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/graphql\"", html);
        // What the page loads: its scripts and styles, and the module chat.js imports.
        var referenced = html + (await http.GetStringAsync("/ui/chat.js")).Replace("./transports.js", "/ui/transports.js");

        foreach (var (path, type) in new[]
                 {
                     ("/ui/chat.js", "text/javascript"), ("/ui/transports.js", "text/javascript"), ("/ui/chat.css", "text/css"),
                     ("/ui/vendor/socket.io.min.js", "text/javascript"), ("/ui/vendor/signalr.min.js", "text/javascript"),
                 })
        {
            Assert.Contains(path, referenced);
            using var asset = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType!.MediaType);

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(asset.Headers.ETag!);
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        Assert.Contains("Socket.IO v4.8.3", await http.GetStringAsync("/ui/vendor/socket.io.min.js"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/ui/nope.js")).StatusCode);
    }
}
