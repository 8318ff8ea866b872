using CsCheck;

namespace ActorChat.Testing;

/// <summary>
/// Generators for parser property tests: "token soup" built from the pieces the grammars care about (so
/// random input often gets past the first checks), JSON escapes of lone surrogates, raw lone surrogates,
/// control characters, and plain random text and bytes.
/// </summary>
public static class FuzzText
{
    /// <summary>The seed every parser property starts from, so a failure names the same first case on every run.</summary>
    public const string Seed = "0000Actorchat";

    public const long Iterations = 3_000;

    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\"event\"", "\"args\"", "\"ack\"", "\"to\"", "\"room\"", "\"user\"", "\"sid\"",
        "\"join\"", "\"connecting\"", "\"chat\"", "null", "true", "1", "-1", "9007199254740993", "1e999", "0.5",
        "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\n", "\ud800", "\udc00", "\u0000", "\u001e", "é", "😀",
        "0", "2", "3", "4", "42", "43", "451-", "/chat,", "/", "b", "AQID", "{\"_placeholder\":true,\"num\":0}", " ",
    ];

    public static readonly Gen<string> Soup = Gen.OneOf(Pieces).Array[0, 30].Select(parts => string.Concat(parts));

    public static readonly Gen<string> Text = Gen.OneOf(Soup, Gen.String, Gen.Char.Array[0, 40].Select(chars => new string(chars)));

    public static readonly Gen<byte[]> Bytes = Gen.OneOf(Text.Select(t => System.Text.Encoding.UTF8.GetBytes(t)), Gen.Byte.Array[0, 80]);
}
