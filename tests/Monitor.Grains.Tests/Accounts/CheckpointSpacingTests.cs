using Monitor.Grains.Accounts;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

public sealed class CheckpointSpacingTests
{
    [Fact]
    public void Accounts_fed_in_lockstep_spread_their_checkpoints_around_the_setting()
    {
        var spacings = Enumerable.Range(0, 1_000).Select(i => CheckpointSpacing.Next($"x:{9_100_000_000 + i}", 1, 64)).ToList();

        Assert.All(spacings, spacing => Assert.InRange(spacing, 32, 95));
        Assert.InRange(spacings.Average(), 60, 68);
        var busiest = spacings.GroupBy(spacing => spacing).Max(group => group.Count());
        Assert.True(busiest <= 40, $"{busiest} of 1,000 accounts checkpoint after the same number of batches.");
    }

    [Fact]
    public void One_account_varies_its_spacing_from_one_checkpoint_to_the_next()
    {
        var spacings = Enumerable.Range(1, 20).Select(n => CheckpointSpacing.Next("bluesky:did:plc:abc", n, 64)).ToList();

        Assert.True(spacings.Distinct().Count() >= 10, $"Spacings: {string.Join(", ", spacings)}.");
        Assert.Equal(spacings, Enumerable.Range(1, 20).Select(n => CheckpointSpacing.Next("bluesky:did:plc:abc", n, 64)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_setting_of_one_or_less_checkpoints_every_batch(int every) =>
        Assert.Equal(1, CheckpointSpacing.Next("x:1", 3, every));
}
