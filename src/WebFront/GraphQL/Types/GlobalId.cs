using System.Text;

namespace ActorChat.WebFront.GraphQL.Types;

/// <summary>Relay global ids as graphene writes them: base64 of <c>TypeName:id</c>, e.g. <c>ArticlesNode:8</c>.</summary>
public static class GlobalId
{
    public static string Encode(string typeName, string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{id}"));

    public static string Encode(string typeName, long id) => Encode(typeName, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static bool TryDecode(string globalId, out string typeName, out string id)
    {
        typeName = id = "";
        var bytes = new byte[globalId.Length];
        if (!Convert.TryFromBase64String(globalId, bytes, out var length)) return false;
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length); }
        catch (DecoderFallbackException) { return false; }
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        (typeName, id) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
