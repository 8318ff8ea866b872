using ActorChat.Configuration;
namespace ActorChat.Silo.Storage;

/// <summary>Where grain state lives; bound from configuration section <c>ActorChat:Storage</c>.</summary>
public sealed class StorageOptions : IValidatedOptions
{
    public const string Section = "ActorChat:Storage";

    /// <summary>One of <see cref="StorageProviders"/>; the embedded file store unless told otherwise.</summary>
    public string Provider { get; set; } = StorageProviders.Embedded;

    public EmbeddedStorageOptions Embedded { get; set; } = new();
    public MongoStorageOptions MongoDB { get; set; } = new();
    public RedisStorageSettings Redis { get; set; } = new();

    /// <summary>One sentence naming the first bad option, or null when every option is usable.</summary>
    public string? Validate()
    {
        if (!StorageProviders.All.Contains(Provider, StringComparer.OrdinalIgnoreCase))
            return $"{Section}:Provider is '{Provider}' but must be one of {string.Join(", ", StorageProviders.All)}.";
        if (Is(StorageProviders.Embedded) && string.IsNullOrWhiteSpace(Embedded.DataFolder))
            return $"{Section}:Embedded:DataFolder must name a folder for the embedded store.";
        if (Is(StorageProviders.MongoDB))
        {
            if (string.IsNullOrWhiteSpace(MongoDB.ConnectionString))
                return $"{Section}:MongoDB:ConnectionString must be set when {Section}:Provider is MongoDB.";
            if (string.IsNullOrWhiteSpace(MongoDB.Database))
                return $"{Section}:MongoDB:Database must name a database.";
            if (MongoDB.CollectionPrefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.')))
                return $"{Section}:MongoDB:CollectionPrefix may hold only ASCII letters, digits, '_', '-' and '.'.";
        }
        if (Is(StorageProviders.Redis) && string.IsNullOrWhiteSpace(Redis.ConnectionString))
            return $"{Section}:Redis:ConnectionString must be set when {Section}:Provider is Redis.";
        return null;
    }

    public bool Is(string provider) => string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase);
}

public static class StorageProviders
{
    public const string Embedded = "Embedded";
    public const string MongoDB = "MongoDB";
    public const string Redis = "Redis";
    public const string Memory = "Memory";
    public static readonly IReadOnlyList<string> All = [Embedded, MongoDB, Redis, Memory];
}

public sealed class EmbeddedStorageOptions
{
    /// <summary>Folder of the LiteDB file, relative to the working directory unless rooted; created if absent.</summary>
    public string DataFolder { get; set; } = "./data";
}

public sealed class MongoStorageOptions
{
    public string ConnectionString { get; set; } = "";
    public string Database { get; set; } = "actorchat";
    /// <summary>Put before each state name to make the collection name, e.g. <c>grains_author</c>.</summary>
    public string CollectionPrefix { get; set; } = "grains_";
}

public sealed class RedisStorageSettings
{
    /// <summary>A StackExchange.Redis configuration string such as <c>localhost:6379</c>.</summary>
    public string ConnectionString { get; set; } = "";
}
