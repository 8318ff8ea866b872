using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorChat.Hosting;
using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Namespaces;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Options;
using ActorChat.WebFront.Realtime.Dispatch;

namespace ActorChat.WebFront.Api;

/// <summary>
/// The HTTP face of the realtime core: room members, user presence, and server push. A namespace in
/// a URL is written without its leading slash or URL-encoded (<c>chat</c> or <c>%2Fchat</c>; <c>%2F</c> for <c>/</c>).
/// With authentication on, reads need the API key or a token: a user sees their own connection ids and
/// the rooms they may use; push always needs the key.
/// </summary>
public static class RealtimeApi
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapRealtimeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").ServedAs("API");
        api.MapGet("/namespaces/{ns}/rooms/{room}/members", GetRoomMembers);
        api.MapGet("/namespaces/{ns}/rooms/{room}/messages", GetRoomMessages);
        api.MapGet("/users/{id}", GetUser);
        api.MapPost("/namespaces/{ns}/events", PostEvent);
        return app;
    }

    private static async Task<IResult> GetUser(string id, HttpContext http, ApiCallers callers, IRealtimeServer server)
    {
        if (!Names.IsValid(id)) return Error(400, "The user id must be 1 to 256 characters with no control characters.");
        var caller = await callers.IdentifyAsync(http);
        if (caller.Refusal is { } refusal) return refusal.ToHttpResult();
        var presence = await server.GetUserAsync(id);
        return Results.Json(PresenceView.Of(presence, showConnectionIds: caller.SeesEverything || caller.Identity?.User == id), JsonSerializerOptions.Web);
    }

    private static async Task<IResult> GetRoomMembers(string ns, string room, HttpContext http, ApiCallers callers, EventPipeline pipeline,
        IRealtimeServer server, IOptions<ChatOptions> chat)
    {
        var caller = await callers.IdentifyAsync(http);
        if (caller.Refusal is { } refusal) return refusal.ToHttpResult();
        var @namespace = NamespaceOf(ns);
        if (!pipeline.HasNamespace(@namespace)) return Error(404, $"Unknown namespace '{@namespace}'.");
        if (!Names.IsValid(room)) return Error(400, "The room name must be 1 to 256 characters with no control characters.");
        if (!caller.SeesEverything && !chat.Value.MayUse(caller.Identity!, room)) return Error(403, $"The room '{room}' needs a claim this user does not have.");
        return Results.Json(await server.GetRoomMembersAsync(@namespace, room), JsonSerializerOptions.Web);
    }

    /// <summary>
    /// The room's kept messages (<c>?after=offset&amp;limit=n</c>): for the API key, and for a user with a token
    /// who is in the room now (connected and joined); in anonymous mode, as every read of that mode, for anyone.
    /// </summary>
    private static async Task<IResult> GetRoomMessages(string ns, string room, long? after, int? limit, HttpContext http, ApiCallers callers,
        EventPipeline pipeline, IRealtimeServer server)
    {
        var caller = await callers.IdentifyAsync(http);
        if (caller.Refusal is { } refusal) return refusal.ToHttpResult();
        var @namespace = NamespaceOf(ns);
        if (!pipeline.HasNamespace(@namespace)) return Error(404, $"Unknown namespace '{@namespace}'.");
        if (!Names.IsValid(room)) return Error(400, "The room name must be 1 to 256 characters with no control characters.");
        if (!caller.SeesEverything)
        {
            var members = await server.GetRoomMembersAsync(@namespace, room);
            if (members.Users.All(u => u.User != caller.Identity!.User))
                return Error(403, $"Only members of the room '{room}' may read its history: join it with a connection first.");
        }
        try
        {
            return Results.Json(HistoryView.Of(await server.GetRoomHistoryAsync(@namespace, room, after, limit)), JsonSerializerOptions.Web);
        }
        catch (ClientInputException ex)
        {
            return Error(400, ex.Message);
        }
    }

    private static async Task<IResult> PostEvent(string ns, HttpContext http, EventPipeline pipeline, IRealtimeServer server, IOptions<ApiOptions> options)
    {
        // With no key configured, server push over HTTP is off: the endpoint does not exist.
        if (string.IsNullOrEmpty(options.Value.Key)) return Error(404, "Server push over HTTP is off: set ActorChat:Api:Key to enable it.");
        if (!KeyMatches(http.Request.Headers[ApiKeyHeader].ToString(), options.Value.Key))
            return Error(401, $"A valid {ApiKeyHeader} header is required.");

        var @namespace = NamespaceOf(ns);
        if (!pipeline.HasNamespace(@namespace)) return Error(404, $"Unknown namespace '{@namespace}'.");

        var (request, problem) = await EmitRequest.ReadAsync(http.Request);
        if (request is null) return Error(400, problem!);
        if (!Names.IsValid(request.Event)) return Error(400, "\"event\" must be 1 to 256 characters with no control characters.");
        if (Names.ReservedForServer.Contains(request.Event!)) return Error(400, $"The event name '{request.Event}' is reserved.");

        var target = request.To switch
        {
            null or { Room: null, User: null, Sid: null } => EmitTarget.Namespace,
            { Room: { } room, User: null, Sid: null } => EmitTarget.Room(room),
            { User: { } user, Room: null, Sid: null } => EmitTarget.User(user),
            { Sid: { } sid, Room: null, User: null } => EmitTarget.Connection(sid),
            _ => null,
        };
        if (target is null) return Error(400, "\"to\" names at most one of room, user and sid.");

        try
        {
            await server.EmitAsync(@namespace, target, request.Event!, (request.Args ?? []).Cast<object?>().ToArray());
        }
        catch (ClientInputException ex)
        {
            return Error(400, ex.Message);
        }
        return Results.Json(new { delivered = true, @namespace, to = target.Kind.ToString().ToLowerInvariant() }, statusCode: 202);
    }

    private static string NamespaceOf(string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        return decoded.StartsWith('/') ? decoded : "/" + decoded;
    }

    internal static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
