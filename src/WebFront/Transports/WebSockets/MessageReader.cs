using System.Buffers;
using System.Net.WebSockets;

namespace ActorChat.WebFront.Transports.WebSockets;

/// <summary>What one read from a WebSocket produced.</summary>
public enum ReadOutcome { Text, Binary, Closed, TooBig }

/// <summary>
/// Reads whole WebSocket messages up to a size limit. It waits for data with a zero-byte read and
/// rents a buffer only while a message is arriving, so an idle socket holds no receive buffer.
/// </summary>
public sealed class MessageReader(WebSocket socket, int maxMessageBytes) : IDisposable
{
    private byte[] _buffer = [];

    /// <summary>The message last read (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Message { get; private set; }

    public async Task<ReadOutcome> ReadAsync(CancellationToken cancellationToken)
    {
        var peek = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
        if (peek.MessageType == WebSocketMessageType.Close) return ReadOutcome.Closed;
        if (peek.EndOfMessage)
        {
            // An empty message is consumed whole by the zero-byte read.
            Message = ReadOnlyMemory<byte>.Empty;
            return peek.MessageType == WebSocketMessageType.Text ? ReadOutcome.Text : ReadOutcome.Binary;
        }
        if (_buffer.Length == 0) _buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (length >= maxMessageBytes) return ReadOutcome.TooBig;
                Grow(Math.Min(length * 2, maxMessageBytes + 1));
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return ReadOutcome.Closed;
            length += result.Count;
            if (length > maxMessageBytes) return ReadOutcome.TooBig;
            if (result.EndOfMessage)
            {
                Message = _buffer.AsMemory(0, length);
                return result.MessageType == WebSocketMessageType.Text ? ReadOutcome.Text : ReadOutcome.Binary;
            }
        }
    }

    /// <summary>Returns the buffer to the pool once the last message has been handled.</summary>
    public void Release()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        Message = default;
    }

    public void Dispose() => Release();

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan().CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
