using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Abstractions.Accounts;
using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

/// <summary>A batch whose log append fails is not acknowledged, and a retry stores it (nothing counted as a duplicate).</summary>
public sealed class AccountGrainLogFailureTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FailingObservationLog _log = new(new InMemoryObservationLog());
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync() =>
        _silo = await TestSilo.StartAsync(StorageTargets.Memory(), new ManualTimeProvider(Now),
            silo => silo.Services.Replace(ServiceDescriptor.Singleton<IObservationLog>(_log)));

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_batch_the_log_could_not_store_fails_and_its_retry_is_stored_in_full()
    {
        var account = _silo.Grains.GetGrain<IAccountGrain>("x:300");
        await account.ConfigureAsync(new AccountProfile());
        var first = SeriesBuilder.For("x:300").Between(Now.AddDays(-20), Now.AddDays(-11)).Build();
        var second = SeriesBuilder.For("x:300").Between(Now.AddDays(-10), Now.AddDays(-1)).Seed(8).Build();
        await account.RecordAsync(first);

        _log.FailNextAppend();
        var failure = await Assert.ThrowsAsync<IOException>(() => account.RecordAsync(second));
        var retry = await account.RecordAsync(second);

        Assert.Equal("The log's database went away.", failure.Message);
        Assert.Equal((second.Count, 0), (retry.Accepted, retry.Duplicates));
        var stored = new List<ObservationRow>();
        await foreach (var row in _log.ReadAfterAsync("x:300", 0, cancellationToken: TestContext.Current.CancellationToken))
        {
            stored.Add(row);
        }

        Assert.Equal(first.Count + second.Count, stored.Count);
        Assert.Equal(first.Count + second.Count, (await account.GetHistoryAsync(Now.AddDays(-30), Now, HistoryResolution.Raw)).Count);
    }
}
