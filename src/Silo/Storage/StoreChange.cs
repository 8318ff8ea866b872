using LiteDB;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// One change on its way into the embedded store (a grain's write or delete, or a new collection), applied inside
/// a group transaction and answered when that transaction has committed. A grain's change applies only if the
/// stored etag is still the one the grain last saw.
/// </summary>
internal sealed class StoreChange(Action<LiteDatabase> apply)
{
    // The placeholder document that brings a collection into being; it is deleted in the same transaction.
    private const string Placeholder = "\u0000created";

    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Committed => _committed.Task;

    public static StoreChange Upsert(string collection, string key, string? expectedETag, BsonDocument document, Func<InconsistentStateException> conflict) =>
        new(database =>
        {
            var documents = Checked(database, collection, key, expectedETag, conflict);
            documents.Upsert(document);
        });

    public static StoreChange Delete(string collection, string key, string? expectedETag, Func<InconsistentStateException> conflict) =>
        new(database => Checked(database, collection, key, expectedETag, conflict).Delete(key));

    public static StoreChange CreateCollection(string collection) =>
        new(database =>
        {
            if (database.CollectionExists(collection)) return;
            var documents = database.GetCollection(collection);
            documents.Insert(new BsonDocument { [GrainStateDocuments.Id] = Placeholder });
            documents.Delete(Placeholder);
        });

    /// <exception cref="InconsistentStateException">The stored state changed since the grain read it.</exception>
    public void Apply(LiteDatabase database) => apply(database);

    public void Succeed() => _committed.TrySetResult();

    public void Fail(Exception failure) => _committed.TrySetException(failure);

    private static ILiteCollection<BsonDocument> Checked(LiteDatabase database, string collection, string key, string? expectedETag,
        Func<InconsistentStateException> conflict)
    {
        var documents = database.GetCollection(collection);
        var stored = documents.FindById(key)?[GrainStateDocuments.ETag].AsString;
        return stored == expectedETag ? documents : throw conflict();
    }
}
