using System.Text.Encodings.Web;
using System.Text.Json;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// Grain state as plain JSON: property names only, no type names. Orleans' default storage serializer writes
/// assembly-qualified <c>$type</c> names, so renaming a class, namespace or assembly would strand stored data;
/// here only property names matter, missing properties read as their defaults and unknown ones are ignored,
/// so a state class can gain fields later and still read old documents.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        // Keep non-ASCII text readable in the store (the data is Chinese titles, among others).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options)!;

    public string SerializeToString<T>(T? input) => JsonSerializer.Serialize(input, _options);

    public T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, _options)!;
}
