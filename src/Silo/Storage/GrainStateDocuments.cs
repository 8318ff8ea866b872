using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Silo.Storage;

/// <summary>What the document stores (embedded and MongoDB) share: keys, etags and the conflict error.</summary>
internal static class GrainStateDocuments
{
    public const string Id = "_id";
    public const string ETag = "etag";
    public const string State = "state";
    public const string Modified = "modified";

    public static string Key(GrainId grainId) => grainId.ToString();

    public static string NewETag() => Guid.NewGuid().ToString("N");

    public static InconsistentStateException Conflict(string provider, string stateName, GrainId grainId, string? expected) =>
        new($"{provider} storage: the stored '{stateName}' state of {grainId} changed since it was read (etag '{expected ?? "none"}').",
            storedEtag: "unknown", currentEtag: expected ?? "");

    public static void Loaded<T>(IGrainState<T> grainState, T state, string etag)
    {
        grainState.State = state;
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public static void Missing<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
