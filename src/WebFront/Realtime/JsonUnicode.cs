using System.Text.Json;

namespace ActorChat.WebFront.Realtime;

/// <summary>
/// Finds invalid Unicode that valid JSON can still carry: a lone UTF-16 surrogate written as an escape
/// (<c>"\ud800"</c>). Raw UTF-8 cannot encode one (the parsers reject such bytes), so only texts with a
/// <c>\uD8..</c>-<c>\uDF..</c> escape are walked; every decoder calls this before a string reaches code
/// that would throw on it.
/// </summary>
public static class JsonUnicode
{
    /// <summary>True when every string and property name in the element is well-formed UTF-16.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> utf8Json, JsonElement root) => !MayHaveSurrogateEscape(utf8Json) || IsWellFormed(root);

    public static bool IsWellFormed(ReadOnlySpan<char> json, JsonElement root) => !MayHaveSurrogateEscape(json) || IsWellFormed(root);

    public static bool IsWellFormed(IEnumerable<JsonElement> elements) => elements.All(IsWellFormed);

    public static bool IsWellFormed(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGet(element);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (!IsWellFormed(item)) return false;
                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    if (!Names.IsWellFormed(property.Name) || !IsWellFormed(property.Value)) return false;
                return true;
            default:
                return true;
        }
    }

    private static bool TryGet(JsonElement element)
    {
        try
        {
            element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool MayHaveSurrogateEscape(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i + 3 < json.Length; i = NextEscape(json, i))
            if ((json[i + 1] | 0x20) == 'u' && (json[i + 2] | 0x20) == 'd' && json[i + 3] is (byte)'8' or (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
                return true;
        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> json, int at)
    {
        var next = json[(at + 2)..].IndexOf((byte)'\\');
        return next < 0 ? -1 : at + 2 + next;
    }

    private static bool MayHaveSurrogateEscape(ReadOnlySpan<char> json) =>
        json.Contains("\\ud", StringComparison.OrdinalIgnoreCase);
}
