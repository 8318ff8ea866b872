using System.Text;
using System.Text.Json;
using ActorChat.Testing;
using ActorChat.WebFront.Api;
using ActorChat.WebFront.Realtime;
using ActorChat.WebFront.Transports.SignalR;
using ActorChat.WebFront.Transports.WebSockets;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Xunit;

namespace ActorChat.Realtime.Tests;

/// <summary>
/// Seeded, bounded property tests of the decoders a client reaches: whatever arrives, each either decodes
/// into something every encoder can write back, or fails with its protocol's own error, never anything else.
/// </summary>
public sealed class ParserPropertyTests
{
    [Fact]
    public void The_raw_WebSocket_envelope_reader_decodes_or_answers_bad_frame_or_bad_envelope() =>
        FuzzText.Bytes.Sample(frame =>
        {
            try
            {
                var (document, envelope) = Envelope.Read(frame);
                using (document)
                {
                    // What was decoded can be written back out (as an error's details, or a relay) without throwing.
                    EventPayload.Create(envelope.Event, envelope.Args.Cast<object?>().ToArray());
                    EventPayload.Error(ClientError.BadArgument, "x", new Dictionary<string, object?> { ["event"] = Names.Printable(envelope.Event) });
                }
            }
            catch (ClientInputException ex)
            {
                Assert.Contains(ex.Code, new[] { ClientError.BadFrame, ClientError.BadEnvelope });
            }
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);

    [Fact]
    public void Names_accept_only_well_formed_text_and_printable_text_always_encodes() =>
        FuzzText.Text.Sample(text =>
        {
            if (Names.IsValid(text)) JsonSerializer.Serialize(text);
            JsonSerializer.Serialize(Names.Printable(text));
            Assert.Equal(Names.IsWellFormed(text), Names.Printable(text) == text);
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);

    [Fact]
    public void The_push_body_reader_reads_a_request_or_names_the_problem() =>
        FuzzText.Bytes.Sample(body =>
        {
            var http = new DefaultHttpContext();
            http.Request.Body = new MemoryStream(body);
            var (request, problem) = EmitRequest.ReadAsync(http.Request).GetAwaiter().GetResult();
            Assert.True(request is null != (problem is null));
            if (request is not null) EventPayload.Create(request.Event is { } e && Names.IsValid(e) ? e : "x", (request.Args ?? []).Cast<object?>().ToArray());
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);

    /// <summary>What MessagePack hands a hub: strings (lone surrogates too), numbers, arrays and maps with any keys.</summary>
    private static readonly Gen<object?> HubValue = Gen.Recursive<object?>((depth, inner) => depth >= 3
        ? Gen.OneOf(FuzzText.Text.Select(t => (object?)t), Gen.Long.Select(l => (object?)l), Gen.Bool.Select(_ => (object?)null))
        : Gen.OneOf(
            FuzzText.Text.Select(t => (object?)t),
            Gen.Double.Select(d => (object?)d),
            Gen.Bool.Select(b => (object?)b),
            inner.Array[0, 4].Select(a => (object?)a),
            Gen.Select(FuzzText.Text, inner, (k, v) => (object?)new Dictionary<object, object?> { [k] = v })));

    [Fact]
    public void Hub_arguments_become_event_arguments_or_a_hub_error() =>
        HubValue.Array[0, 4].Sample(args =>
        {
            try
            {
                var json = HubArguments.Read(args);
                EventPayload.Create("e", json.Cast<object?>().ToArray());
                HubArgsEncoder.Decode(JsonSerializer.SerializeToUtf8Bytes(json));
            }
            catch (HubException)
            {
            }
        }, seed: FuzzText.Seed, iter: FuzzText.Iterations, threads: 1);
}
