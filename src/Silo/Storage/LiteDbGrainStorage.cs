using System.Collections.Concurrent;
using ActorChat.Hosting.Configuration;
using LiteDB;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>
/// The embedded default: one LiteDB file in the data folder, a collection per state name, the state kept as
/// its JSON text beside an etag. Reads run inline (LiteDB has no async API, and its reads are short local file
/// operations). Writes and deletes go to <see cref="LiteDbCommitter"/>, which commits concurrent writes of many
/// grains in one transaction and answers each only after that commit: a commit costs page writes to the log
/// file, and sharing one among many writes is what makes persisted writes nearly as cheap as memory.
/// </summary>
public sealed class LiteDbGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly FileStream _ownership;
    private readonly LiteDatabase _database;
    private readonly JsonGrainStateSerializer _serializer;
    private readonly ILogger<LiteDbGrainStorage> _logger;
    private readonly LiteDbCommitter _committer;
    // Collections known to exist. LiteDB 5 can fail a read of a collection that another transaction is creating
    // at that moment ("page type must be collection page", LiteDB issue #2792), so a collection is created on
    // its own, before anything reads or writes it, while every other user of it waits.
    private readonly ConcurrentDictionary<string, bool> _collections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _creating = new(1, 1);

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
        _committer = new LiteDbCommitter(_database, logger);
        _logger.LogInformation("Embedded grain storage opened at {File}", file);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureCollectionAsync(stateName);
        var document = _database.GetCollection(stateName).FindById(GrainStateDocuments.Key(grainId));
        if (document is null) GrainStateDocuments.Missing(grainState);
        else GrainStateDocuments.Loaded(grainState,
            _serializer.Deserialize<T>(document[GrainStateDocuments.State].AsString),
            document[GrainStateDocuments.ETag].AsString);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
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
        var expected = grainState.ETag;
        await EnsureCollectionAsync(stateName);
        await _committer.Submit(StoreChange.Upsert(stateName, key, expected, document,
            () => GrainStateDocuments.Conflict("Embedded", stateName, grainId, expected)));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag;
        await EnsureCollectionAsync(stateName);
        await _committer.Submit(StoreChange.Delete(stateName, GrainStateDocuments.Key(grainId), expected,
            () => GrainStateDocuments.Conflict("Embedded", stateName, grainId, expected)));
        GrainStateDocuments.Missing(grainState);
    }

    public void Dispose()
    {
        _committer.WaitIdle(TimeSpan.FromSeconds(5));
        _database.Dispose();
        _ownership.Dispose();
    }

    // Every commit is already in the log file; folding the log into the data file at shutdown keeps the next
    // start quick. LiteDB waits for the committer's transaction, if any, before it checkpoints.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LiteDbGrainStorage), ServiceLifecycleStage.ApplicationServices, _ => Task.CompletedTask, _ =>
        {
            _database.Checkpoint();
            return Task.CompletedTask;
        });

    private async ValueTask EnsureCollectionAsync(string stateName)
    {
        if (_collections.ContainsKey(stateName)) return;
        await _creating.WaitAsync();
        try
        {
            if (_collections.ContainsKey(stateName)) return;
            await _committer.Submit(StoreChange.CreateCollection(stateName));
            _collections[stateName] = true;
        }
        finally
        {
            _creating.Release();
        }
    }
}
