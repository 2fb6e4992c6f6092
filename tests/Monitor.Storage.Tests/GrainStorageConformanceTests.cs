using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IGrainStorage"/> must have; each provider's test class derives from this one.
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private const string StateName = "account";

    private readonly List<IGrainStorage> _created = [];
    private IGrainStorage? _storage;

    /// <summary>The provider under test (created on first use).</summary>
    protected IGrainStorage Storage => _storage ??= Track(CreateStorage());

    public virtual ValueTask InitializeAsync() => default;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var storage in _created)
        {
            switch (storage)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_a_new_state_no_etag_and_no_record()
    {
        var stale = new AccountSnapshotBuilder().WithFollowers(5).Build();
        var state = new TestGrainState<AccountSnapshot>(stale) { ETag = "17", RecordExists = true };

        await Storage.ReadStateAsync(StateName, TestGrains.NewAccount(), state);

        Assert.NotSame(stale, state.State);
        Assert.Equal(0, state.State.Followers);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Reading_a_missing_record_keeps_the_value_when_the_type_has_no_parameterless_constructor()
    {
        var state = new TestGrainState<string>("held");

        await Storage.ReadStateAsync(StateName, TestGrains.NewAccount(), state);

        Assert.Equal("held", state.State);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_the_etag_the_write_returned()
    {
        var grain = TestGrains.NewAccount();
        var written = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithHandle("@MFA_Ukraine").WithFollowers(1_234_567).WithHistory(5).Build());

        await Storage.WriteStateAsync(StateName, grain, written);
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        AssertSameSnapshot(written.State, read.State);
    }

    [Fact]
    public async Task Writing_with_the_current_etag_updates_and_changes_the_etag()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(10).Build());
        await Storage.WriteStateAsync(StateName, grain, state);
        var firstETag = state.ETag;

        state.State.Followers = 20;
        await Storage.WriteStateAsync(StateName, grain, state);
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.NotEqual(firstETag, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(20, read.State.Followers);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_and_leaves_the_stored_state()
    {
        var grain = TestGrains.NewAccount();
        var first = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        await Storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;
        first.State.Followers = 2;
        await Storage.WriteStateAsync(StateName, grain, first);

        var stale = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(99).Build()) { ETag = staleETag, RecordExists = true };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Equal(staleETag, error.CurrentEtag);
        Assert.Equal(staleETag, stale.ETag);
        Assert.Equal(2, read.State.Followers);
    }

    [Fact]
    public async Task Two_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var grain = TestGrains.NewAccount();
        var original = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        await Storage.WriteStateAsync(StateName, grain, original);
        var writers = Enumerable.Range(0, 8)
            .Select(i => new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(100 + i).Build()) { ETag = original.ETag, RecordExists = true })
            .ToList();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await Storage.WriteStateAsync(StateName, grain, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.Single(outcomes, won => won);
        var winner = writers[Array.IndexOf(outcomes, true)];
        Assert.Equal(winner.ETag, read.ETag);
        Assert.Equal(winner.State.Followers, read.State.Followers);
    }

    [Fact]
    public async Task Inserting_without_an_etag_when_a_record_exists_throws()
    {
        var grain = TestGrains.NewAccount();
        var first = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        await Storage.WriteStateAsync(StateName, grain, first);

        var second = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(2).Build());
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, second));

        Assert.Equal(first.ETag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
        Assert.Equal(1, (await ReadAsync<AccountSnapshot>(grain)).State.Followers);
    }

    [Fact]
    public async Task Writing_with_an_etag_when_no_record_exists_throws()
    {
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()) { ETag = "41", RecordExists = true };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, TestGrains.NewAccount(), state));

        Assert.Null(error.StoredEtag);
        Assert.Equal("41", error.CurrentEtag);
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_resets_the_state()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(7).Build());
        await Storage.WriteStateAsync(StateName, grain, state);

        await Storage.ClearStateAsync(StateName, grain, state);
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Followers);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_throws_and_keeps_the_record()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(7).Build());
        await Storage.WriteStateAsync(StateName, grain, state);
        var staleETag = state.ETag;
        await Storage.WriteStateAsync(StateName, grain, state);

        var stale = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()) { ETag = staleETag, RecordExists = true };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, stale));
        var read = await ReadAsync<AccountSnapshot>(grain);

        Assert.Equal(state.ETag, error.StoredEtag);
        Assert.True(read.RecordExists);
        Assert.Equal(7, read.State.Followers);
    }

    [Fact]
    public async Task Clearing_without_an_etag_when_a_record_exists_throws()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build());
        await Storage.WriteStateAsync(StateName, grain, state);

        var unaware = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build());
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, unaware));

        Assert.True((await ReadAsync<AccountSnapshot>(grain)).RecordExists);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_does_not_match_the_record_written_after_it()
    {
        var grain = TestGrains.NewAccount();
        var owner = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        await Storage.WriteStateAsync(StateName, grain, owner);
        var oldETag = owner.ETag;
        await Storage.ClearStateAsync(StateName, grain, owner);
        owner.State = new AccountSnapshotBuilder().WithFollowers(2).Build();
        await Storage.WriteStateAsync(StateName, grain, owner);

        var holderOfOldETag = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(666).Build()) { ETag = oldETag, RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, holderOfOldETag));
        Assert.NotEqual(oldETag, owner.ETag);
        Assert.Equal(2, (await ReadAsync<AccountSnapshot>(grain)).State.Followers);
    }

    [Fact]
    public async Task Grain_types_with_the_same_key_and_state_name_are_separate_records()
    {
        var key = Guid.NewGuid().ToString("N");
        var account = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        var group = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(2).Build());

        await Storage.WriteStateAsync(StateName, GrainId.Create("account", key), account);
        await Storage.WriteStateAsync(StateName, GrainId.Create("group", key), group);

        Assert.Equal(1, (await ReadAsync<AccountSnapshot>(GrainId.Create("account", key))).State.Followers);
        Assert.Equal(2, (await ReadAsync<AccountSnapshot>(GrainId.Create("group", key))).State.Followers);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_separate_records()
    {
        var grain = TestGrains.NewAccount();
        var profile = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build());
        var detector = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(2).Build());

        await Storage.WriteStateAsync("profile", grain, profile);
        await Storage.WriteStateAsync("detector", grain, detector);
        await Storage.ClearStateAsync("detector", grain, detector);

        Assert.Equal(1, (await ReadAsync<AccountSnapshot>(grain, "profile")).State.Followers);
        Assert.False((await ReadAsync<AccountSnapshot>(grain, "detector")).RecordExists);
    }

    [Fact]
    public async Task A_one_megabyte_payload_round_trips()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithBlob(1024 * 1024).WithHistory(10_000).Build());

        await Storage.WriteStateAsync(StateName, grain, state);
        var read = await ReadAsync<AccountSnapshot>(grain);

        AssertSameSnapshot(state.State, read.State);
    }

    [Fact]
    public async Task Unicode_keys_and_state_names_round_trip()
    {
        var grains = new[]
        {
            GrainId.Create("account", "x:Президент_Украины"),
            GrainId.Create("account", "bsky:外交部.bsky.social"),
            GrainId.Create("account", "telegram:وزارة_الخارجية"),
            GrainId.Create("group", "türk-dünyası 🇹🇷🇦🇿"),
        };
        for (var i = 0; i < grains.Length; i++)
        {
            await Storage.WriteStateAsync("état", grains[i], new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(i).WithHandle(grains[i].Key.ToString()!).Build()));
        }

        for (var i = 0; i < grains.Length; i++)
        {
            var read = await ReadAsync<AccountSnapshot>(grains[i], "état");
            Assert.Equal(i, read.State.Followers);
            Assert.Equal(grains[i].Key.ToString(), read.State.Handle);
        }
    }

    [Fact]
    public async Task Concurrent_writes_to_500_grains_all_land_with_their_own_etags()
    {
        var writes = Enumerable.Range(0, 500)
            .Select(i => (Grain: TestGrains.NewAccount(), State: new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(i).WithBlob(256).Build())))
            .ToList();

        await Task.WhenAll(writes.Select(w => Storage.WriteStateAsync(StateName, w.Grain, w.State)));

        Assert.Equal(500, writes.Select(w => w.State.ETag).Distinct().Count());
        foreach (var (grain, state) in writes)
        {
            var read = await ReadAsync<AccountSnapshot>(grain);
            Assert.Equal(state.ETag, read.ETag);
            Assert.Equal(state.State.Followers, read.State.Followers);
        }
    }

    [Fact]
    public async Task A_conflicting_write_among_concurrent_writes_fails_only_its_own_caller()
    {
        var contested = TestGrains.NewAccount();
        await Storage.WriteStateAsync(StateName, contested, new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()));
        var others = Enumerable.Range(0, 50).Select(i => (Grain: TestGrains.NewAccount(), State: new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(i).Build()))).ToList();
        var conflicting = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build());

        var otherWrites = others.Select(w => Storage.WriteStateAsync(StateName, w.Grain, w.State)).ToList();
        var conflictingWrite = Storage.WriteStateAsync(StateName, contested, conflicting);

        await Assert.ThrowsAsync<InconsistentStateException>(() => conflictingWrite);
        await Task.WhenAll(otherWrites);
        foreach (var (grain, state) in others)
        {
            Assert.Equal(state.State.Followers, (await ReadAsync<AccountSnapshot>(grain)).State.Followers);
        }
    }

    [Fact]
    public async Task State_written_by_an_older_type_loads_into_a_newer_type_with_an_extra_field()
    {
        var grain = TestGrains.NewAccount();
        await Storage.WriteStateAsync(StateName, grain, new TestGrainState<ProfileV1>(new ProfileV1 { Name = "MFA of Kazakhstan", Followers = 250_000 }));

        var read = await ReadAsync<ProfileV2>(grain);

        Assert.Equal("MFA of Kazakhstan", read.State.Name);
        Assert.Equal(250_000, read.State.Followers);
        Assert.Equal("unknown", read.State.Country);
    }

    [Fact]
    public async Task State_written_by_a_newer_type_loads_into_an_older_type_that_lacks_a_field()
    {
        var grain = TestGrains.NewAccount();
        await Storage.WriteStateAsync(StateName, grain, new TestGrainState<ProfileV2>(new ProfileV2 { Name = "MFA of Azerbaijan", Followers = 90_000, Country = "AZ" }));

        var read = await ReadAsync<ProfileV1>(grain);

        Assert.Equal("MFA of Azerbaijan", read.State.Name);
        Assert.Equal(90_000, read.State.Followers);
    }

    [Fact]
    public async Task Changing_the_state_object_after_a_write_does_not_change_what_is_stored()
    {
        var grain = TestGrains.NewAccount();
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(10).WithBlob(4).Build());
        var write = Storage.WriteStateAsync(StateName, grain, state);
        state.State.Followers = 11;
        state.State.Blob[0] = 0xFF;
        state.State.History.Add(-1);
        await write;

        var read = await ReadAsync<AccountSnapshot>(grain);
        read.State.Followers = 12;
        var again = await ReadAsync<AccountSnapshot>(grain);

        Assert.Equal(10, again.State.Followers);
        Assert.NotEqual(0xFF, again.State.Blob[0]);
        Assert.DoesNotContain(-1, again.State.History);
    }

    [Fact]
    public async Task Bad_arguments_throw_naming_the_parameter()
    {
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build());

        var emptyName = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteStateAsync(" ", TestGrains.NewAccount(), state));
        var nullName = await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.ReadStateAsync(null!, TestGrains.NewAccount(), state));
        var defaultId = await Assert.ThrowsAsync<ArgumentException>(() => Storage.ClearStateAsync(StateName, default, state));
        var noState = await Assert.ThrowsAsync<ArgumentNullException>(() => Storage.WriteStateAsync<AccountSnapshot>(StateName, TestGrains.NewAccount(), null!));

        Assert.Equal("stateName", emptyName.ParamName);
        Assert.Contains("' '", emptyName.Message, StringComparison.Ordinal);
        Assert.Equal("stateName", nullName.ParamName);
        Assert.Equal("grainId", defaultId.ParamName);
        Assert.Equal("grainState", noState.ParamName);
    }

    /// <summary>Creates a provider; SQL providers return one over the same database each time.</summary>
    protected abstract IGrainStorage CreateStorage();

    protected TStorage Track<TStorage>(TStorage storage)
        where TStorage : IGrainStorage
    {
        _created.Add(storage);
        return storage;
    }

    protected Task<TestGrainState<T>> ReadAsync<T>(GrainId grain, string stateName = StateName) => ReadAsync<T>(Storage, grain, stateName);

    protected static async Task<TestGrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var state = new TestGrainState<T>(default!);
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    protected static void AssertSameSnapshot(AccountSnapshot expected, AccountSnapshot actual)
    {
        Assert.Equal(expected.Handle, actual.Handle);
        Assert.Equal(expected.Followers, actual.Followers);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Blob, actual.Blob);
    }
}
