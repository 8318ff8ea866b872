using ActorChat.Hosting.Configuration;
using LiteDB;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// The embedded default: one LiteDB file in the data folder, a collection per state name, the state kept as
/// its JSON text beside an etag. LiteDB has no async API and its calls are short local file operations, so
/// they run inline; one lock makes each compare-etag-then-write atomic.
/// </summary>
public sealed class LiteDbGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly FileStream _ownership;
    private readonly LiteDatabase _database;
    private readonly JsonGrainStateSerializer _serializer;
    private readonly ILogger<LiteDbGrainStorage> _logger;
    private readonly Lock _gate = new();

    public LiteDbGrainStorage(EmbeddedStorageOptions options, JsonGrainStateSerializer serializer, ILogger<LiteDbGrainStorage> logger)
    {
        _serializer = serializer;
        _logger = logger;
        var folder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "actorchat.db");
        // LiteDB's direct mode trusts that it is alone with the file but does not check; a second process would
        // read stale pages and could corrupt the file. An exclusive lock file makes the second one stop instead.
        try
        {
            _ownership = new FileStream(Path.Combine(folder, "actorchat.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidConfigurationException(
                $"{StorageOptions.Section}:Embedded:DataFolder '{folder}' is in use by another ActorChat process; stop it first (the embedded store belongs to one process at a time).");
        }
        _database = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
        _logger.LogInformation("Embedded grain storage opened at {File}", file);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        BsonDocument? document;
        lock (_gate) document = Collection(stateName).FindById(GrainStateDocuments.Key(grainId));
        if (document is null) GrainStateDocuments.Missing(grainState);
        else GrainStateDocuments.Loaded(grainState,
            _serializer.Deserialize<T>(document[GrainStateDocuments.State].AsString),
            document[GrainStateDocuments.ETag].AsString);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStateDocuments.Key(grainId);
        var etag = GrainStateDocuments.NewETag();
        var document = new BsonDocument
        {
            [GrainStateDocuments.Id] = key,
            [GrainStateDocuments.ETag] = etag,
            [GrainStateDocuments.Modified] = DateTime.UtcNow,
            [GrainStateDocuments.State] = _serializer.SerializeToString(grainState.State),
        };
        lock (_gate)
        {
            var collection = Collection(stateName);
            ThrowIfStale(collection, stateName, grainId, grainState.ETag);
            collection.Upsert(document);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            var collection = Collection(stateName);
            ThrowIfStale(collection, stateName, grainId, grainState.ETag);
            collection.Delete(GrainStateDocuments.Key(grainId));
        }
        GrainStateDocuments.Missing(grainState);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _database.Dispose();
        _ownership.Dispose();
    }

    // Every commit is already durable in the log file; folding the log into the data file at shutdown
    // keeps the next start quick.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LiteDbGrainStorage), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, _ =>
        {
            lock (_gate) _database.Checkpoint();
            return Task.CompletedTask;
        });

    private void ThrowIfStale(ILiteCollection<BsonDocument> collection, string stateName, GrainId grainId, string? expected)
    {
        var stored = collection.FindById(GrainStateDocuments.Key(grainId))?[GrainStateDocuments.ETag].AsString;
        if (stored != expected)
            throw GrainStateDocuments.Conflict("Embedded", stateName, grainId, expected);
    }

    private ILiteCollection<BsonDocument> Collection(string stateName) => _database.GetCollection(stateName);
}
