using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// MongoDB: a collection per state name (with the configured prefix), one document per grain holding the state
/// as a BSON sub-document (so it can be queried), an etag for optimistic concurrency and the time of the last write.
/// </summary>
public sealed class MongoGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly MongoStorageOptions _options;
    private readonly BsonGrainState _bson;
    private readonly ILogger<MongoGrainStorage> _logger;
    private readonly IMongoDatabase _database;
    private readonly ConcurrentDictionary<string, Lazy<Task<IMongoCollection<BsonDocument>>>> _collections = new();

    public MongoGrainStorage(MongoStorageOptions options, JsonGrainStateSerializer serializer, ILogger<MongoGrainStorage> logger)
    {
        _options = options;
        _bson = new BsonGrainState(serializer);
        _logger = logger;
        _database = new MongoClient(options.ConnectionString).GetDatabase(options.Database);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MongoGrainStorage), ServiceLifecycleStage.ApplicationServices, EnsureExistingCollectionsAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var collection = await CollectionAsync(stateName);
        var document = await collection.Find(ById(grainId)).FirstOrDefaultAsync();
        if (document is null) GrainStateDocuments.Missing(grainState);
        else GrainStateDocuments.Loaded(grainState, _bson.Read<T>(document[GrainStateDocuments.State]), document[GrainStateDocuments.ETag].AsString);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var collection = await CollectionAsync(stateName);
        var etag = GrainStateDocuments.NewETag();
        var document = new BsonDocument
        {
            { GrainStateDocuments.Id, GrainStateDocuments.Key(grainId) },
            { GrainStateDocuments.ETag, etag },
            { GrainStateDocuments.Modified, DateTime.UtcNow },
            { GrainStateDocuments.State, _bson.Write(grainState.State) },
        };
        try
        {
            if (grainState.ETag is null)
            {
                await collection.InsertOneAsync(document);
            }
            else
            {
                var result = await collection.ReplaceOneAsync(ByIdAndETag(grainId, grainState.ETag), document);
                if (result.MatchedCount == 0) throw GrainStateDocuments.Conflict("MongoDB", stateName, grainId, grainState.ETag);
            }
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // Someone else created the document after our read found none.
            throw GrainStateDocuments.Conflict("MongoDB", stateName, grainId, grainState.ETag);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            var collection = await CollectionAsync(stateName);
            var result = await collection.DeleteOneAsync(ByIdAndETag(grainId, grainState.ETag));
            if (result.DeletedCount == 0) throw GrainStateDocuments.Conflict("MongoDB", stateName, grainId, grainState.ETag);
        }
        GrainStateDocuments.Missing(grainState);
    }

    private static FilterDefinition<BsonDocument> ById(GrainId grainId) =>
        Builders<BsonDocument>.Filter.Eq(GrainStateDocuments.Id, GrainStateDocuments.Key(grainId));

    private static FilterDefinition<BsonDocument> ByIdAndETag(GrainId grainId, string etag) =>
        ById(grainId) & Builders<BsonDocument>.Filter.Eq(GrainStateDocuments.ETag, etag);

    private Task<IMongoCollection<BsonDocument>> CollectionAsync(string stateName) => PreparedAsync(_options.CollectionPrefix + stateName);

    // Each collection gets its indexes once; a failed attempt (server briefly away) is forgotten, so the next call retries.
    private async Task<IMongoCollection<BsonDocument>> PreparedAsync(string collectionName)
    {
        var prepared = _collections.GetOrAdd(collectionName, name => new Lazy<Task<IMongoCollection<BsonDocument>>>(() => EnsureIndexesAsync(name)));
        try
        {
            return await prepared.Value;
        }
        catch
        {
            _collections.TryRemove(new KeyValuePair<string, Lazy<Task<IMongoCollection<BsonDocument>>>>(collectionName, prepared));
            throw;
        }
    }

    private async Task<IMongoCollection<BsonDocument>> EnsureIndexesAsync(string collectionName)
    {
        var collection = _database.GetCollection<BsonDocument>(collectionName);
        // _id is indexed by MongoDB itself; the write time serves operators looking for recent changes.
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending(GrainStateDocuments.Modified),
            new CreateIndexOptions { Name = GrainStateDocuments.Modified }));
        return collection;
    }

    // At start-up: reach the server (so a wrong connection string fails the start, not the first grain)
    // and make sure every collection we already own has its indexes.
    private async Task EnsureExistingCollectionsAsync(CancellationToken cancellation)
    {
        var names = await (await _database.ListCollectionNamesAsync(cancellationToken: cancellation)).ToListAsync(cancellation);
        foreach (var name in names.Where(n => n.StartsWith(_options.CollectionPrefix, StringComparison.Ordinal)))
            await PreparedAsync(name);
        _logger.LogInformation("MongoDB grain storage ready on database {Database} with {Collections} existing collections",
            _options.Database, names.Count);
    }
}
