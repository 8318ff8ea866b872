using System.Text.Json;
using ActorChat.Testing;
using ActorChat.WebFront.Transports.SocketIO;
using ActorChat.WebFront.Transports.SocketIO.Engine;
using CsCheck;

namespace ActorChat.SocketIO.Tests;

/// <summary>
/// Seeded, bounded CsCheck properties of the Engine.IO and Socket.IO decoders: whatever a client sends, they
/// decode it into packets whose JSON every encoder can write back, or throw their own <see cref="ProtocolException"/>.
/// </summary>
public sealed class ParserPropertyTests
{
    [Fact]
    public void The_Socket_IO_parser_decodes_writable_packets_or_throws_only_its_own_error() =>
        FuzzText.Text.Sample(text =>
        {
            try
            {
                var packet = SocketParser.Decode(text);
                if (packet.Data is { } data) JsonSerializer.Serialize(data);
                if (packet.Data is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 && array[0].ValueKind == JsonValueKind.String)
                    JsonSerializer.Serialize(array[0].GetString());
            }
            catch (ProtocolException)
            {
            }
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);

    [Fact]
    public void The_Engine_IO_payload_and_text_decoders_throw_only_their_own_error() =>
        FuzzText.Bytes.Sample(bytes =>
        {
            try
            {
                var text = EngineParser.DecodeUtf8(bytes);
                EngineParser.DecodePayload(text);
                EngineParser.DecodeText(text);
            }
            catch (ProtocolException)
            {
            }
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);
}
