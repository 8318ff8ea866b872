using ActorChat.Testing;
using Microsoft.Extensions.Configuration;
namespace ActorChat.Storage.Tests;

public sealed class EmbeddedStorageContractTests : StorageContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-storage-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ActorChat:Storage:Provider"] = "Embedded",
        ["ActorChat:Storage:Embedded:DataFolder"] = _folder,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The embedded store belongs to one process: a second silo on the same folder stops with a sentence saying so.</summary>
public sealed class EmbeddedStorageOwnershipTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-storage-").FullName;

    [Fact]
    public async Task A_second_silo_on_the_same_data_folder_is_refused_and_the_first_keeps_working()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ActorChat:Storage:Provider"] = "Embedded",
            ["ActorChat:Storage:Embedded:DataFolder"] = _folder,
        };
        await using var first = await StorageSilo.StartAsync(settings);
        var error = await Assert.ThrowsAsync<ActorChat.Hosting.Configuration.InvalidConfigurationException>(() => StorageSilo.StartAsync(settings));
        Assert.Equal($"ActorChat:Storage:Embedded:DataFolder '{_folder}' is in use by another ActorChat process; stop it first (the embedded store belongs to one process at a time).", error.Message);

        var grain = Orleans.Runtime.GrainId.Create("contract", "owner");
        await first.Storage.WriteStateAsync("contract", grain, new Orleans.GrainState<ProfileV1>(new ProfileV1 { Name = "still here" }));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class MemoryStorageContractTests : StorageContractTests
{
    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ActorChat:Storage:Provider"] = "Memory",
    };
}

public sealed class RedisStorageContractTests(RedisServer redis) : StorageContractTests, IClassFixture<RedisServer>
{
    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ActorChat:Storage:Provider"] = "Redis",
        ["ActorChat:Storage:Redis:ConnectionString"] = redis.ConnectionString,
    };
}

/// <summary>Runs only where ACTORCHAT_TEST_MONGO holds a connection string; reported as skipped elsewhere.</summary>
public sealed class MongoStorageContractTests : StorageContractTests
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("ACTORCHAT_TEST_MONGO");

    public override ValueTask InitializeAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(ConnectionString), "ACTORCHAT_TEST_MONGO is not set, so there is no MongoDB server to test against.");
        return base.InitializeAsync();
    }

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ActorChat:Storage:Provider"] = "MongoDB",
        ["ActorChat:Storage:MongoDB:ConnectionString"] = ConnectionString,
        ["ActorChat:Storage:MongoDB:Database"] = "actorchat_test",
        ["ActorChat:Storage:MongoDB:CollectionPrefix"] = $"t{Guid.NewGuid():N}_",
    };
}

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData("Provider", "Cassandra", "ActorChat:Storage:Provider is 'Cassandra' but must be one of Embedded, MongoDB, Redis, Memory.")]
    [InlineData("Embedded:DataFolder", " ", "ActorChat:Storage:Embedded:DataFolder must name a folder for the embedded store.")]
    public void A_bad_option_stops_start_up_with_a_sentence_naming_it(string key, string value, string message)
    {
        var options = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ActorChat:Storage:" + key] = value })
            .Build().GetSection("ActorChat:Storage").Get<ActorChat.Silo.Storage.StorageOptions>()!;
        Assert.Equal(message, options.Validate());
    }

    [Fact]
    public void MongoDB_without_a_connection_string_is_refused()
    {
        var options = new ActorChat.Silo.Storage.StorageOptions { Provider = "mongodb" };
        Assert.Equal("ActorChat:Storage:MongoDB:ConnectionString must be set when ActorChat:Storage:Provider is MongoDB.", options.Validate());
    }
}
