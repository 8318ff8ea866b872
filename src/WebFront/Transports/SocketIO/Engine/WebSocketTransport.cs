using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using ActorChat.WebFront.Realtime;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>
/// The WebSocket transport: one Engine.IO packet per frame (text: type digit + data; binary: a message's
/// raw bytes), for sessions opened on a WebSocket and for polling sessions that upgrade to one.
/// </summary>
public sealed class WebSocketTransport(IOptions<LimitsOptions> limits, ILogger<WebSocketTransport> logger)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs a session that opened on this WebSocket until either side ends it.</summary>
    public Task RunAsync(WebSocket socket, EngineSession session) => RunCoreAsync(socket, session);

    /// <summary>
    /// Upgrades a polling session: answers <c>2probe</c> with <c>3probe</c>, releases the pending GET with
    /// a noop, and takes the session over on <c>5</c>. A probe that fails leaves the session on polling.
    /// </summary>
    public async Task UpgradeAsync(WebSocket socket, EngineSession session)
    {
        if (!session.TryBeginUpgrade())
        {
            // Only one WebSocket per session: a second one is closed, the first goes on.
            await CloseQuietlyAsync(socket, WebSocketCloseStatus.PolicyViolation, "session already upgraded");
            return;
        }
        var completed = false;
        // A client that opens the upgrade and never completes it holds the session's upgrade: it gets the handshake time.
        var deadline = Environment.TickCount64 + (long)limits.Value.HandshakeTimeout.TotalMilliseconds;
        try
        {
            var probe = await ReceiveBeforeAsync(socket, session, deadline);
            if (probe is not { Type: EnginePacketType.Ping, Text: "probe" }) throw new ProtocolException("An upgrade must start with a 2probe packet.");
            await socket.SendAsync(EngineFrame.ProbePong.Data, WebSocketMessageType.Text, true, session.Closed);
            session.ReleasePoll();
            var upgrade = await ReceiveBeforeAsync(socket, session, deadline);
            if (upgrade is not { Type: EnginePacketType.Upgrade, IsBinary: false }) throw new ProtocolException("An upgrade must be completed by an upgrade (5) packet.");
            completed = true;
        }
        catch (Exception ex) when (ex is ProtocolException or WebSocketException or OperationCanceledException or TimeoutException)
        {
            logger.LogDebug("Upgrade of Engine.IO session {EngineSid} failed: {Problem}", session.Id, ex.Message);
        }
        finally
        {
            session.EndUpgrade(completed);
        }
        if (completed) await RunCoreAsync(socket, session);
        else await CloseQuietlyAsync(socket, WebSocketCloseStatus.ProtocolError, "upgrade failed");
    }

    private async Task RunCoreAsync(WebSocket socket, EngineSession session)
    {
        // The send loop closes the socket once the queue is drained; the receive side says with which status.
        var closeStatus = new StrongBox<WebSocketCloseStatus>(WebSocketCloseStatus.NormalClosure);
        var sending = SendLoopAsync(socket, session, closeStatus);
        try
        {
            while (!session.IsClosed)
            {
                // Not cancelled by the session's close: that would abort the socket before the queue is flushed.
                var packet = await ReceiveAsync(socket, session, CancellationToken.None);
                if (packet is null) break;
                session.Receive(packet.Value);
            }
            session.Close("transport close", byClient: true);
        }
        catch (ProtocolException ex)
        {
            logger.LogDebug("Engine.IO session {EngineSid} sent a bad packet: {Problem}", session.Id, ex.Message);
            session.Close(EngineCloseReason.ParseError);
        }
        catch (PayloadTooLargeException)
        {
            closeStatus.Value = WebSocketCloseStatus.MessageTooBig;
            session.Close(EngineCloseReason.PayloadTooLarge);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            session.Close("transport error");
        }
        await sending;
    }

    private async Task SendLoopAsync(WebSocket socket, EngineSession session, StrongBox<WebSocketCloseStatus> closeStatus)
    {
        try
        {
            session.UseDirectWriter(frame => socket.SendAsync(frame.Data.AsMemory(), frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None));
            var reader = session.Outbound;
            while (await reader.WaitToReadAsync())
            {
                // The write lock first, then the oldest frame: an inline send can never overtake a queued one.
                await session.WriteLock.WaitAsync();
                try
                {
                    while (reader.TryRead(out var frame))
                    {
                        if (frame.Marker is { } marker) marker.TrySetResult();
                        else await socket.SendAsync(frame.Data, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
                    }
                }
                finally
                {
                    session.WriteLock.Release();
                }
            }
            // An inline send may still be running: wait for it before closing.
            await session.WriteLock.WaitAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            session.Close("transport error");
        }
        await CloseQuietlyAsync(socket, closeStatus.Value, closeStatus.Value == WebSocketCloseStatus.MessageTooBig ? "payload too large" : "");
        // A client that never answers the close handshake would hold the receive loop forever.
        _ = Task.Delay(CloseHandshakeTimeout).ContinueWith(_ => socket.Abort(), TaskScheduler.Default);
    }

    /// <summary>
    /// <see cref="ReceiveAsync"/> that gives up at <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>)
    /// or when the session closes. The receive itself is not cancelled: that would abort the socket, and the client
    /// would get no close frame saying the upgrade failed.
    /// </summary>
    private static async Task<EnginePacket?> ReceiveBeforeAsync(WebSocket socket, EngineSession session, long deadline)
    {
        var receiving = ReceiveAsync(socket, session, CancellationToken.None);
        try
        {
            return await receiving.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)), session.Closed);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // It ends when the socket closes; observe its failure then.
            _ = receiving.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Reads one whole message as a packet; null when the client closed the socket.</summary>
    private static async Task<EnginePacket?> ReceiveAsync(WebSocket socket, EngineSession session, CancellationToken cancellation)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellation);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > session.Options.MaxPayload) throw new PayloadTooLargeException();
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Binary) return EnginePacket.OfBinary(buffer.WrittenSpan.ToArray());
            return EngineParser.DecodeText(EngineParser.DecodeUtf8(buffer.WrittenSpan));
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client is gone already.
        }
    }

    private sealed class PayloadTooLargeException : Exception;
}
