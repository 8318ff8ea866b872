using System.Net.WebSockets;
using System.Text;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>The tutorial's echo route: every text message <c>m</c> is answered <c>"received" + m</c>.</summary>
public sealed class EchoEndpoint(IOptions<RealtimeOptions> options, OriginPolicy origins, IHostApplicationLifetime lifetime)
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("received");

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest) return WebSocketAccept.NotAWebSocket();
        // Not a namespace connection, so no admission; but a page of another origin may not open it either.
        if (!origins.Allows(http.Request)) return ConnectionRefusal.OriginNotAllowed(http.Request.Headers.Origin.ToString()).ToHttpResult();
        using var socket = await http.WebSockets.AcceptWebSocketAsync(WebSocketAccept.ContextFor(http));
        using var reader = new MessageReader(socket, options.Value.MaxMessageBytes);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancel = stopping.Token;
        try
        {
            while (true)
            {
                switch (await reader.ReadAsync(cancel))
                {
                    case ReadOutcome.Text:
                        await socket.SendAsync(Echo(reader.Message.Span), WebSocketMessageType.Text, true, cancel);
                        break;
                    case ReadOutcome.Binary:
                        await socket.CloseOutputAsync(WebSocketCloseStatus.InvalidMessageType, "Only text messages are echoed.", cancel);
                        return Results.Empty;
                    case ReadOutcome.TooBig:
                        await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {options.Value.MaxMessageBytes} bytes.", cancel);
                        return Results.Empty;
                    case ReadOutcome.Closed:
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel);
                        return Results.Empty;
                }
                reader.Release();
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down.", CancellationToken.None);
            return Results.Empty;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake; nothing is left to clean up.
            return Results.Empty;
        }
    }

    private static byte[] Echo(ReadOnlySpan<byte> message)
    {
        var reply = new byte[Prefix.Length + message.Length];
        Prefix.CopyTo(reply, 0);
        message.CopyTo(reply.AsSpan(Prefix.Length));
        return reply;
    }
}
