using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Storage.Tests;

/// <summary>
/// The embedded store commits concurrent writes together (group commit): all of them land, each answered after its
/// commit, and one bad write among them (a stale etag, a document too big for the store) fails alone.
/// </summary>
public sealed class EmbeddedGroupCommitTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorchat-group-commit-").FullName;
    private StorageSilo? _silo;

    private Dictionary<string, string?> Settings => new()
    {
        ["ActorChat:Storage:Provider"] = "Embedded",
        ["ActorChat:Storage:Embedded:DataFolder"] = _folder,
    };

    private IGrainStorage Storage => _silo!.Storage;

    public async ValueTask InitializeAsync() => _silo = await StorageSilo.StartAsync(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_writes_all_land_and_a_stale_one_among_them_fails_alone()
    {
        var stale = GrainId.Create("contract", "stale");
        var current = new GrainState<ProfileV1>(new ProfileV1 { Name = "current" });
        await Storage.WriteStateAsync("contract", stale, current);
        var outdated = new GrainState<ProfileV1>(new ProfileV1 { Name = "outdated" }) { ETag = "not-the-stored-etag" };

        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("contract", $"writer-{i}")).ToArray();
        var writes = grains.Select((g, i) => Storage.WriteStateAsync("contract", g, new GrainState<ProfileV1>(new ProfileV1 { Name = $"writer {i}", Visits = i })))
            .Append(Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync("contract", stale, outdated)))
            .ToArray();
        await Task.WhenAll(writes);

        for (var i = 0; i < grains.Length; i++)
        {
            var read = new GrainState<ProfileV1>(new ProfileV1());
            await Storage.ReadStateAsync("contract", grains[i], read);
            Assert.Equal((true, $"writer {i}", i), (read.RecordExists, read.State!.Name, read.State.Visits));
        }
        var kept = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync("contract", stale, kept);
        Assert.Equal("current", kept.State!.Name);
    }

    [Fact]
    public async Task A_document_too_big_for_the_store_fails_without_taking_the_writes_beside_it_down()
    {
        var small = Enumerable.Range(0, 50).Select(i => GrainId.Create("contract", $"small-{i}")).ToArray();
        var huge = new GrainState<ProfileV1>(new ProfileV1 { Name = new string('x', 20 * 1024 * 1024) });
        var writes = small.Select(g => Storage.WriteStateAsync("contract", g, new GrainState<ProfileV1>(new ProfileV1 { Name = "small" })))
            .Append(Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteStateAsync("contract", GrainId.Create("contract", "huge"), huge)))
            .ToArray();
        await Task.WhenAll(writes);

        foreach (var grain in small)
        {
            var read = new GrainState<ProfileV1>(new ProfileV1());
            await Storage.ReadStateAsync("contract", grain, read);
            Assert.Equal("small", read.State!.Name);
        }
        var none = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync("contract", GrainId.Create("contract", "huge"), none);
        Assert.False(none.RecordExists);
    }

    [Fact]
    public async Task A_collection_read_while_its_first_documents_are_written_never_fails()
    {
        // LiteDB 5 can fail a read of a collection that another transaction is creating at that moment
        // ("page type must be collection page"): readers keep reading while the first documents go in.
        for (var round = 0; round < 30; round++)
        {
            var stateName = $"fresh{round}";
            var writes = Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Storage.WriteStateAsync(stateName, GrainId.Create("contract", $"g{i}"), new GrainState<ProfileV1>(new ProfileV1 { Name = "new" }))));
            var reads = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                while (!writes.IsCompleted)
                    await Storage.ReadStateAsync(stateName, GrainId.Create("contract", $"g{i}"), new GrainState<ProfileV1>(new ProfileV1()));
            }));
            await Task.WhenAll(reads.Append(writes));
        }
    }

    [Fact]
    public async Task What_was_answered_is_there_after_the_store_is_reopened()
    {
        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create("contract", $"kept-{i}")).ToArray();
        await Task.WhenAll(grains.Select((g, i) => Storage.WriteStateAsync("contract", g, new GrainState<ProfileV1>(new ProfileV1 { Visits = i }))));
        await _silo!.DisposeAsync();
        _silo = await StorageSilo.StartAsync(Settings);

        for (var i = 0; i < grains.Length; i++)
        {
            var read = new GrainState<ProfileV1>(new ProfileV1());
            await Storage.ReadStateAsync("contract", grains[i], read);
            Assert.Equal(i, read.State!.Visits);
        }
    }
}
