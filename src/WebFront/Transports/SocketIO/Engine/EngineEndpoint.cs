using System.Text.Json;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Cluster;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>
/// The Engine.IO endpoint: checks the query (EIO, transport, sid) and the origin, opens sessions,
/// and hands each request to the polling or WebSocket transport. One instance per mapped path.
/// </summary>
public sealed class EngineEndpoint(
    SocketIOOptions options,
    OriginPolicy origins,
    IEngineApplication application,
    EngineSessionStore sessions,
    FrontIdentity front,
    PollingTransport polling,
    WebSocketTransport websocket,
    ILogger<EngineEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (!origins.Allows(request))
        {
            logger.LogInformation("Engine.IO request from origin {Origin} refused: not in {Key}", origin, OriginPolicy.Key);
            await EngineError.Forbidden.WriteAsync(context.Response);
            return;
        }
        if (origin.Length > 0) AllowOrigin(context.Response, origin);
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            context.Response.Headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders.Count > 0
                ? request.Headers.AccessControlRequestHeaders
                : "content-type";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var query = request.Query;
        var transport = query["transport"].ToString();
        if (transport is not ("polling" or "websocket"))
        {
            await EngineError.UnknownTransport.WriteAsync(context.Response);
            return;
        }
        if (query["EIO"].ToString() != "4")
        {
            await EngineError.UnsupportedProtocolVersion.WriteAsync(context.Response);
            return;
        }

        var sid = query["sid"].ToString();
        if (sid.Length > 0) await ResumeAsync(context, transport, sid);
        else await OpenAsync(context, transport);
    }

    private async Task OpenAsync(HttpContext context, string transport)
    {
        if (transport == "polling")
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                await EngineError.BadHandshakeMethod.WriteAsync(context.Response);
                return;
            }
            var session = await OpenAsync(context, EngineTransport.Polling);
            if (session is not null) await polling.WriteOpenAsync(context.Response, OpenPacket(session, upgrades: ["websocket"]));
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await EngineError.BadRequest.WriteAsync(context.Response);
            return;
        }
        var wsSession = await OpenAsync(context, EngineTransport.WebSocket);
        if (wsSession is null) return;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await websocket.RunAsync(socket, wsSession);
    }

    private async Task ResumeAsync(HttpContext context, string transport, string sid)
    {
        var session = sessions.Find(sid);
        if (session is not null && session.ExpireIfOverdue())
        {
            // Closed: only a GET racing the client's own close still gets an answer (its noop), once.
            if (transport == "polling" && HttpMethods.IsGet(context.Request.Method) && session.TakeCloseNotice())
            {
                sessions.Remove(session);
                await polling.WriteCloseNoticeAsync(context.Response);
                return;
            }
            session = null;
        }
        if (session is null)
        {
            if (Sid.FrontOf(sid) is { } owner && owner != front.FrontId)
                logger.LogWarning("Engine.IO request for session {EngineSid} of front {Owner} reached front {Front}: polling needs sticky sessions", sid, owner, front.FrontId);
            await EngineError.UnknownSid.WriteAsync(context.Response);
            return;
        }
        if (transport == "websocket")
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await EngineError.BadRequest.WriteAsync(context.Response);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await websocket.UpgradeAsync(socket, session);
            return;
        }
        if (session.Transport != EngineTransport.Polling)
        {
            // After an upgrade the session lives on its WebSocket; polling for it is a client error.
            await EngineError.BadRequest.WriteAsync(context.Response);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method)) await polling.GetAsync(context, session);
        else if (HttpMethods.IsPost(context.Request.Method)) await polling.PostAsync(context, session);
        else await EngineError.BadRequest.WriteAsync(context.Response);
    }

    private async Task<EngineSession?> OpenAsync(HttpContext context, EngineTransport transport)
    {
        var address = context.Connection.RemoteIpAddress;
        if (sessions.TryReserve(address, options) is { } full)
        {
            logger.LogInformation("Engine.IO handshake from {Address} refused: {Limit}", address, full.Message);
            await full.WriteAsync(context.Response);
            return null;
        }
        var session = new EngineSession(Sid.New(front.FrontId), transport, options, logger);
        // On a WebSocket the open packet is the first frame the send loop writes, before anything the application queues.
        if (transport == EngineTransport.WebSocket) session.Send(OpenPacket(session, upgrades: []));
        var handler = await application.OpenAsync(session, context);
        if (handler is null)
        {
            sessions.Release(address);
            logger.LogInformation("Engine.IO handshake refused by the application");
            await EngineError.Forbidden.WriteAsync(context.Response);
            return null;
        }
        sessions.Add(session, address);
        session.Start(handler);
        logger.LogDebug("Engine.IO session {EngineSid} opened over {Transport}", session.Id, transport);
        return session;
    }

    private EngineFrame OpenPacket(EngineSession session, string[] upgrades) =>
        EngineFrame.Text("0" + JsonSerializer.Serialize(new
        {
            sid = session.Id,
            upgrades,
            pingInterval = options.PingInterval,
            pingTimeout = options.PingTimeout,
            maxPayload = options.MaxPayload,
        }));

    private static void AllowOrigin(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlAllowCredentials = "true";
        response.Headers.Vary = "Origin";
    }
}
