using ActorChat.WebFront.Transports.SocketIO;
using ActorChat.WebFront.Transports.SocketIO.Engine;

namespace ActorChat.SocketIO.Tests;

/// <summary>
/// Bounded random-input tests: whatever a client sends, the parsers either decode it or throw their
/// own <see cref="ProtocolException"/>, never anything else.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 20_000;

    // Characters that matter to the grammars, so random strings often get past the first checks.
    private const string Alphabet = "0123456789-/,[]{}\":_placeholdernumtrufalsb=+\u001e\\ €\u0000";

    private static readonly string[] Seeds =
    [
        "42[\"message\",1]", "452-[\"a\",{\"_placeholder\":true,\"num\":0}]", "0/custom,{\"token\":\"1\"}",
        "43456[1]", "461-15[{\"_placeholder\":true,\"num\":0}]", "1/admin,", "4hello\u001ebAQIDBA==\u001e2",
    ];

    [Fact]
    public void Socket_parser_throws_only_its_own_error()
    {
        var random = new Random(20261126);
        for (var i = 0; i < Iterations; i++) AssertOnlyProtocolErrors(() => SocketParser.Decode(Next(random)));
    }

    [Fact]
    public void Engine_parser_throws_only_its_own_error()
    {
        var random = new Random(4);
        for (var i = 0; i < Iterations; i++)
        {
            var input = Next(random);
            AssertOnlyProtocolErrors(() => EngineParser.DecodePayload(input));
            AssertOnlyProtocolErrors(() => EngineParser.DecodeText(input));
        }
    }

    private static string Next(Random random) => random.Next(3) switch
    {
        0 => RandomText(random, random.Next(0, 40)),
        1 => Mutate(random, Seeds[random.Next(Seeds.Length)]),
        _ => new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0, 0x3000)).ToArray()),
    };

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

    private static string Mutate(Random random, string seed)
    {
        var chars = seed.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < chars.Count: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                default: if (at < chars.Count) chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }
        return new string([.. chars]);
    }

    private static void AssertOnlyProtocolErrors(Action parse)
    {
        try
        {
            parse();
        }
        catch (ProtocolException)
        {
        }
    }
}
