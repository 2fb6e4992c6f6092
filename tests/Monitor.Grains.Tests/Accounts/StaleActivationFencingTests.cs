using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Abstractions.Accounts;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

/// <summary>
/// Ownership checks (cluster mode) against a successor activation on another silo, which the test plays by writing the
/// account's checkpoint behind the activation's back at the moment a silo declared dead would see it happen.
/// </summary>
public sealed class StaleActivationFencingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = Now.AddDays(-3);
    private readonly InterposingObservationLog _log = new(new InMemoryObservationLog());
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync() =>
        _silo = await TestSilo.StartAsync(StorageTargets.Memory(), new ManualTimeProvider(Now), silo =>
        {
            silo.Services.Replace(ServiceDescriptor.Singleton<IObservationLog>(_log));
            silo.Services.Configure<AccountGrainOptions>(options =>
            {
                options.StallReminder = false;
                options.OwnershipCheckInterval = TimeSpan.Zero;
            });
        });

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_batch_whose_append_commits_after_a_successor_claimed_the_account_is_not_acknowledged_and_its_retry_is_stored_once()
    {
        var account = await TwoPointsAsync("x:310");

        // The silo freezes after its ownership check and before the log commits; meanwhile a successor claims the account.
        _log.BeforeNextAppend(() => ClaimBehindTheBackAsync("x:310"));
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => account.RecordAsync(ThirdPoint("x:310")));

        // The client's retry reaches a new activation, which finds the refused batch's row in the log.
        var retried = await account.RecordAsync(ThirdPoint("x:310"));
        var raw = await account.GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw);

        Assert.Contains("another activation", refused.Message, StringComparison.Ordinal);
        Assert.Equal((0, 1), (retried.Accepted, retried.Duplicates));
        Assert.Equal([1_000L, 1_010, 1_020], raw.Select(point => point.Followers));
        Assert.Equal(3, await CountLoggedAsync("x:310"));
    }

    [Fact]
    public async Task A_new_activation_claims_the_account_before_it_reads_the_log()
    {
        var account = await TwoPointsAsync("x:311");
        var successorETag = await ClaimBehindTheBackAsync("x:311");
        await Assert.ThrowsAsync<InconsistentStateException>(() => account.RecordAsync(ThirdPoint("x:311")));

        // What the log's reader sees stored when the next activation reads its rows: a row appended by an older activation
        // after that moment fails the older one's next check, so the claim must already be there.
        string? storedWhenRead = null;
        _log.OnRead(async key => storedWhenRead ??= (await ReadStoredAsync(key)).ETag);
        var retried = await account.RecordAsync(ThirdPoint("x:311"));

        Assert.Equal((1, 0), (retried.Accepted, retried.Duplicates));
        Assert.NotNull(storedWhenRead);
        Assert.NotEqual(successorETag, storedWhenRead);
    }

    private static ObservationInput[] ThirdPoint(string key) => [new ObservationInput(key, Start.AddHours(2), 1_020)];

    private async Task<IAccountGrain> TwoPointsAsync(string key)
    {
        var account = _silo.Grains.GetGrain<IAccountGrain>(key);
        await account.ConfigureAsync(new AccountProfile());
        await account.RecordAsync([new ObservationInput(key, Start, 1_000), new ObservationInput(key, Start.AddHours(1), 1_010)]);
        return account;
    }

    private async Task<string> ClaimBehindTheBackAsync(string key)
    {
        var stored = await ReadStoredAsync(key);
        await Storage.WriteStateAsync("account", GrainId.Create("account", key), stored, TestContext.Current.CancellationToken);
        return stored.ETag ?? throw new InvalidOperationException("The storage gave the written state no ETag.");
    }

    private async Task<GrainState<AccountState>> ReadStoredAsync(string key)
    {
        var stored = new GrainState<AccountState>(new AccountState());
        await Storage.ReadStateAsync("account", GrainId.Create("account", key), stored, TestContext.Current.CancellationToken);
        Assert.True(stored.RecordExists);
        return stored;
    }

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    private async Task<int> CountLoggedAsync(string key)
    {
        var rows = 0;
        await foreach (var _ in _log.ReadAfterAsync(key, 0, DateTimeOffset.MinValue, TestContext.Current.CancellationToken))
        {
            rows++;
        }

        return rows;
    }
}
