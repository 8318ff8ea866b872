using ActorChat.Silo.Storage;
using MongoDB.Bson;

namespace ActorChat.Storage.Tests;

/// <summary>
/// The MongoDB provider's state mapping, checked without a server (the provider's contract suite needs
/// ACTORCHAT_TEST_MONGO): the state is a queryable sub-document and reads back unchanged.
/// </summary>
public sealed class BsonGrainStateTests
{
    private readonly BsonGrainState _bson = new(new JsonGrainStateSerializer());

    [Fact]
    public void A_state_becomes_a_sub_document_with_named_fields_and_no_type_names()
    {
        var value = _bson.Write(new ProfileV1 { Name = "Li Ming", Visits = 3, Tags = ["a"] });
        var document = Assert.IsType<BsonDocument>(value);
        Assert.Equal("Li Ming", document["name"].AsString);
        Assert.Equal(3, document["visits"].ToInt32());
        Assert.Equal("a", document["tags"][0].AsString);
        Assert.DoesNotContain(document.Names, n => n.StartsWith('$') || n.StartsWith('_'));
    }

    [Fact]
    public void Text_numbers_and_large_values_read_back_unchanged()
    {
        var state = new Mixed
        {
            Title = "这是第一本书 — \"quoted\" 🎉",
            Big = long.MaxValue,
            Ratio = 0.1,
            Body = new string('x', 1 << 20),
        };
        var back = _bson.Read<Mixed>(_bson.Write(state));
        Assert.Equal(state.Title, back.Title);
        Assert.Equal(long.MaxValue, back.Big);
        Assert.Equal(0.1, back.Ratio);
        Assert.Equal(state.Body, back.Body);
    }

    [Fact]
    public void A_state_that_is_not_an_object_is_stored_too()
    {
        Assert.Equal([1L, 2L, 3L], _bson.Read<List<long>>(_bson.Write(new List<long> { 1, 2, 3 })));
        Assert.Equal(42, _bson.Read<int>(_bson.Write(42)));
    }

    public sealed class Mixed
    {
        public string Title { get; set; } = "";
        public long Big { get; set; }
        public double Ratio { get; set; }
        public string Body { get; set; } = "";
    }
}
