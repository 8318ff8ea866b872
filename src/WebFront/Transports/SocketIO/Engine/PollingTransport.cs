using System.Buffers;
using System.Text;

namespace ActorChat.WebFront.Transports.SocketIO.Engine;

/// <summary>
/// HTTP long-polling: a GET waits for queued packets and returns them as one payload, a POST carries
/// the client's packets. One of each at a time; a second one is a protocol error that ends the session.
/// </summary>
public sealed class PollingTransport(ILogger<PollingTransport> logger)
{
    private const string TextContentType = "text/plain; charset=UTF-8";
    private static readonly TimeSpan UpgradeGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>Answers the GET that a client's own close overtook.</summary>
    public Task WriteCloseNoticeAsync(HttpResponse response) => WriteFramesAsync(response, [EngineFrame.Noop]);

    /// <summary>Answers a new session's opening GET with its open packet.</summary>
    public Task WriteOpenAsync(HttpResponse response, EngineFrame open) => WriteFramesAsync(response, [open]);

    public async Task GetAsync(HttpContext context, EngineSession session)
    {
        if (Interlocked.Exchange(ref session.ActiveGet, 1) != 0)
        {
            logger.LogDebug("Engine.IO session {EngineSid} sent a second concurrent GET", session.Id);
            session.Close(EngineCloseReason.ConcurrentPoll);
            await EngineError.BadRequest.WriteAsync(context.Response);
            return;
        }
        try
        {
            if (session.Upgrading && await UpgradedMeanwhileAsync(session))
            {
                await EngineError.BadRequest.WriteAsync(context.Response);
                return;
            }
            var frames = session.Upgrading ? [EngineFrame.Noop] : await NextBatchAsync(session, context.RequestAborted);
            if (frames is null) return;
            await WriteFramesAsync(context.Response, frames);
        }
        finally
        {
            Volatile.Write(ref session.ActiveGet, 0);
        }
    }

    public async Task PostAsync(HttpContext context, EngineSession session)
    {
        if (Interlocked.Exchange(ref session.ActivePost, 1) != 0)
        {
            session.Close(EngineCloseReason.ConcurrentPost);
            await EngineError.BadRequest.WriteAsync(context.Response);
            return;
        }
        try
        {
            var bytes = await ReadBodyAsync(context.Request, session.Options.MaxPayload);
            if (bytes is null)
            {
                session.Close(EngineCloseReason.PayloadTooLarge);
                await EngineError.PayloadTooLarge.WriteAsync(context.Response);
                return;
            }
            try
            {
                foreach (var packet in EngineParser.DecodePayload(EngineParser.DecodeUtf8(bytes))) session.Receive(packet);
            }
            catch (ProtocolException ex)
            {
                logger.LogDebug("Engine.IO session {EngineSid} sent a bad payload: {Problem}", session.Id, ex.Message);
                session.Close(EngineCloseReason.ParseError);
                await EngineError.BadRequest.WriteAsync(context.Response);
                return;
            }
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("ok");
        }
        finally
        {
            Volatile.Write(ref session.ActivePost, 0);
        }
    }

    /// <summary>
    /// A GET during an upgrade waits briefly for its outcome: after a completed upgrade the session no
    /// longer polls (400), otherwise the GET gets a noop, as the client is about to switch.
    /// </summary>
    private static async Task<bool> UpgradedMeanwhileAsync(EngineSession session)
    {
        try
        {
            return await session.UpgradeDone.WaitAsync(UpgradeGrace);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits for packets and takes as many as fit in maxPayload. A closed session's pending GET gets
    /// what was still queued, else the close (or noop) packet. Null when the client went away.
    /// </summary>
    private static async Task<List<EngineFrame>?> NextBatchAsync(EngineSession session, CancellationToken aborted)
    {
        var reader = session.Outbound;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted, session.PollRelease);
        var frames = new List<EngineFrame>();
        var size = 0;
        // Flush markers take no room in a response: a batch of only markers waits for real frames.
        while (frames.Count == 0)
        {
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return [EngineFrame.Noop];
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            if (!more) return [session.CloseFrame];
            while (reader.TryPeek(out var next))
            {
                var length = EngineParser.PayloadLength(next) + 1;
                if (frames.Count > 0 && size + length > session.Options.MaxPayload) break;
                reader.TryRead(out _);
                if (next.Marker is { } marker)
                {
                    marker.TrySetResult();
                    continue;
                }
                frames.Add(next);
                size += length;
            }
        }
        return frames;
    }

    private static async Task WriteFramesAsync(HttpResponse response, IReadOnlyList<EngineFrame> frames)
    {
        var buffer = new ArrayBufferWriter<byte>();
        EngineParser.EncodePayload(frames, buffer);
        response.ContentType = TextContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    /// <summary>Reads the body, or null when it is larger than the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
        return buffer.WrittenSpan.ToArray();
    }
}
