using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace ActorChat.Realtime.Tests.Grains;

/// <summary>
/// Grain storage shared by every silo of an in-process test cluster, so stored state outlives a
/// killed silo as it would in Redis or MongoDB (Orleans' memory storage keeps it in grains, which die too).
/// </summary>
internal sealed class ProcessWideStorage(string serviceId) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (string Json, string ETag)> Store = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = JsonSerializer.Deserialize<T>(stored.Json)!;
            (grainState.ETag, grainState.RecordExists) = (stored.ETag, true);
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        Store[Key(stateName, grainId)] = (JsonSerializer.Serialize(grainState.State), etag);
        (grainState.ETag, grainState.RecordExists) = (etag, true);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        (grainState.ETag, grainState.RecordExists) = (null, false);
        return Task.CompletedTask;
    }

    // Test clusters run side by side in one process; each has its own service id.
    private string Key(string stateName, GrainId grainId) => $"{serviceId}/{stateName}/{grainId}";
}
