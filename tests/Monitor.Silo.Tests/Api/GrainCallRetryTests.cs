using Monitor.Import;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>What the ingest path retries while a grain moves, and what it leaves to the caller.</summary>
public sealed class GrainCallRetryTests
{
    [Fact]
    public async Task A_call_whose_silo_is_gone_is_retried_until_it_lands()
    {
        var attempts = 0;

        var result = await GrainCallRetry.Idempotent.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new SiloUnavailableException("the silo died") : ValueTask.FromResult("stored");
        }, TestContext.Current.CancellationToken);

        Assert.Equal(("stored", 3), (result, attempts));
    }

    [Fact]
    public async Task A_stale_activation_stepping_down_is_left_to_the_client()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(async () => await GrainCallRetry.Idempotent.ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw new Orleans.Storage.InconsistentStateException("a newer checkpoint was written elsewhere");
        }, TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_refused_argument_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ArgumentException>(async () => await GrainCallRetry.Idempotent.ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw new ArgumentException("followers must not be negative", "followers");
        }, TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_grain_that_stays_unreachable_fails_after_the_retries()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(async () => await GrainCallRetry.Idempotent.ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw new SiloUnavailableException("the silo died");
        }, TestContext.Current.CancellationToken));

        Assert.Equal(9, attempts);
    }
}
