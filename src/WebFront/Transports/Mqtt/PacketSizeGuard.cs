using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>
/// A channel that refuses MQTT packets over a size before they are read: MQTTnet allocates a packet's whole
/// body as soon as the header announces its length (up to 256 MiB), so the limit must hold at the header.
/// Follows the stream's fixed headers (a type byte, then the remaining length in 1 to 4 bytes) and fails the
/// read, which drops the connection, when a packet would be longer than <c>maxBytes</c>.
/// </summary>
/// <remarks>Named for its main job; it also keeps MQTTnet's cancellations from aborting the WebSocket (see <see cref="ReadAsync"/>).</remarks>
internal sealed class PacketSizeGuard(IMqttChannel inner, int maxBytes) : IMqttChannel
{
    private enum Part { Type, Length, Body }

    private Part _part = Part.Type;
    private int _length;
    private int _multiplier;
    private int _lengthBytes;
    private long _bodyLeft;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        // Cancelling a WebSocket's pending receive aborts the socket, and MQTTnet cancels it whenever the server ends a
        // session: the reset could destroy the DISCONNECT just written before the client reads it. The read is left
        // to finish with the close handshake instead.
        var read = await inner.ReadAsync(buffer, offset, count, CancellationToken.None).WaitAsync(cancellationToken);
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.Type:
                    i++;
                    (_part, _length, _multiplier, _lengthBytes) = (Part.Length, 0, 1, 0);
                    break;
                case Part.Length:
                    var b = bytes[i++];
                    if (++_lengthBytes > 4) throw new InvalidDataException("An MQTT remaining length has more than four bytes.");
                    _length += (b & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    if ((b & 0x80) != 0) break;
                    if (_length > maxBytes) throw new InvalidDataException($"An MQTT packet of {_length} bytes is over the limit of {maxBytes}.");
                    _bodyLeft = _length;
                    _part = _bodyLeft > 0 ? Part.Body : Part.Type;
                    break;
                case Part.Body:
                    var take = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += take;
                    _bodyLeft -= take;
                    if (_bodyLeft == 0) _part = Part.Type;
                    break;
            }
        }
    }

    public void Dispose() => inner.Dispose();
}
