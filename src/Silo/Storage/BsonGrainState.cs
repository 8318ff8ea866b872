using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ActorChat.Silo.Storage;

/// <summary>
/// Grain state as a BSON value for MongoDB, made from the same type-name-free JSON as every other store, so the
/// state is a real sub-document that can be queried. The JSON goes through a one-field wrapper, so a state that
/// is not an object (a number, a list) is stored too; relaxed extended JSON gives numbers back as plain JSON numbers.
/// </summary>
public sealed class BsonGrainState(JsonGrainStateSerializer serializer)
{
    private const string Wrapper = "v";
    private static readonly JsonWriterSettings RelaxedJson = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    public BsonValue Write<T>(T state) =>
        BsonDocument.Parse($"{{\"{Wrapper}\":{serializer.SerializeToString(state)}}}")[Wrapper];

    public T Read<T>(BsonValue value)
    {
        using var json = JsonDocument.Parse(new BsonDocument(Wrapper, value).ToJson(RelaxedJson));
        return serializer.Deserialize<T>(json.RootElement.GetProperty(Wrapper).GetRawText());
    }
}
