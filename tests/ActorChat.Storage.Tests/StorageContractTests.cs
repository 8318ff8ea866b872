using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace ActorChat.Storage.Tests;

/// <summary>
/// What every grain storage provider must do for ActorChat's grains; each provider gets a subclass
/// that starts a real silo configured for it.
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private StorageSilo? _silo;

    protected abstract IReadOnlyDictionary<string, string?> Settings();

    public virtual async ValueTask InitializeAsync() => _silo = await StorageSilo.StartAsync(Settings());

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
    }

    private IGrainStorage Storage => _silo!.Storage;

    private static GrainId NewGrain() => GrainId.Create("contract", Guid.NewGuid().ToString("N"));

    private const string StateName = "contract";

    [Fact]
    public async Task Reading_a_grain_that_never_wrote_finds_no_record()
    {
        var state = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, NewGrain(), state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_written_state_reads_back_equal_with_the_same_etag()
    {
        var grain = NewGrain();
        var written = new GrainState<ProfileV1>(new ProfileV1 { Name = "Li Ming", Visits = 42, Tags = ["a", "b"] });
        await Storage.WriteStateAsync(StateName, grain, written);
        Assert.NotNull(written.ETag);

        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Li Ming", read.State!.Name);
        Assert.Equal(42, read.State!.Visits);
        Assert.Equal(["a", "b"], read.State!.Tags);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var grain = NewGrain();
        var first = new GrainState<ProfileV1>(new ProfileV1 { Name = "one" });
        await Storage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<ProfileV1>(new ProfileV1 { Name = "stale" }) { ETag = first.ETag };
        first.State!.Name = "two";
        await Storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("two", read.State!.Name);
    }

    [Fact]
    public async Task Creating_a_record_that_someone_else_created_meanwhile_is_refused()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<ProfileV1>(new ProfileV1 { Name = "first" }));
        var late = new GrainState<ProfileV1>(new ProfileV1 { Name = "late" });
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, late));
    }

    [Fact]
    public async Task Of_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var grain = NewGrain();
        var seed = new GrainState<ProfileV1>(new ProfileV1 { Name = "seed" });
        await Storage.WriteStateAsync(StateName, grain, seed);

        var writers = Enumerable.Range(0, 8)
            .Select(i => new GrainState<ProfileV1>(new ProfileV1 { Name = $"writer {i}" }) { ETag = seed.ETag })
            .ToArray();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try { await Storage.WriteStateAsync(StateName, grain, w); return true; }
            catch (InconsistentStateException) { return false; }
        }));

        Assert.Single(outcomes, won => won);
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(winner.State!.Name, read.State!.Name);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_missing_and_can_be_written_again()
    {
        var grain = NewGrain();
        var state = new GrainState<ProfileV1>(new ProfileV1 { Name = "gone soon" });
        await Storage.WriteStateAsync(StateName, grain, state);
        await Storage.ClearStateAsync(StateName, grain, state);
        Assert.False(state.RecordExists);

        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);

        state.State!.Name = "back";
        await Storage.WriteStateAsync(StateName, grain, state);
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("back", read.State!.Name);
    }

    [Fact]
    public async Task A_one_mebibyte_state_round_trips()
    {
        var grain = NewGrain();
        var big = string.Create(1 << 20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + i % 26);
        });
        await Storage.WriteStateAsync(StateName, grain, new GrainState<ProfileV1>(new ProfileV1 { Name = big }));
        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(big, read.State!.Name);
    }

    [Fact]
    public async Task Non_ascii_text_round_trips_unchanged()
    {
        const string text = "这是第一本书 — Ünïcödé \"quoted\" \\ 🎉 \u0001";
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<ProfileV1>(new ProfileV1 { Name = text, Tags = [text] }));
        var read = new GrainState<ProfileV1>(new ProfileV1());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(text, read.State!.Name);
        Assert.Equal([text], read.State!.Tags);
    }

    [Fact]
    public async Task Data_written_by_an_older_state_class_reads_into_a_renamed_class_with_a_new_field()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<ProfileV1>(new ProfileV1 { Name = "old", Visits = 7 }));

        var read = new GrainState<ProfileV2>(new ProfileV2());
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("old", read.State!.Name);
        Assert.Equal(7, read.State!.Visits);
        Assert.Equal("unset", read.State!.Nickname);

        read.State!.Nickname = "new";
        await Storage.WriteStateAsync(StateName, grain, read);
        var again = new GrainState<ProfileV2>(new ProfileV2());
        await Storage.ReadStateAsync(StateName, grain, again);
        Assert.Equal("new", again.State!.Nickname);
    }
}

public sealed class ProfileV1
{
    public string Name { get; set; } = "";
    public int Visits { get; set; }
    public List<string> Tags { get; set; } = [];
}

/// <summary>The same stored data after the class was renamed and gained a field.</summary>
public sealed class ProfileV2
{
    public string Name { get; set; } = "";
    public int Visits { get; set; }
    public List<string> Tags { get; set; } = [];
    public string Nickname { get; set; } = "unset";
}
