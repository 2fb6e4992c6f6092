using Monitor.Core.Collection;
using Xunit;

namespace Monitor.Core.Tests.Collection;

public sealed class PlatformOutageRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_outage_opens_at_the_nth_failed_request_in_a_row_and_starts_at_the_first()
    {
        var rule = new PlatformOutageRule(failedRequestsToOpen: 3);

        var (afterFirst, openedFirst) = rule.Failed("x", null, 0, null, "HTTP 502", T0);
        var (afterSecond, openedSecond) = rule.Failed("x", afterFirst, 1, T0, "HTTP 502", T0.AddMinutes(1));
        var (afterThird, openedThird) = rule.Failed("x", afterSecond, 2, T0, "HTTP 503", T0.AddMinutes(3));

        Assert.Equal((null, false, null, false), (afterFirst, openedFirst, afterSecond, openedSecond));
        Assert.True(openedThird);
        Assert.Equal(new PlatformOutage("x", T0, null, 3, "HTTP 503"), afterThird);
        Assert.Equal("outage-x-20260301T120000Z", afterThird!.Id);
    }

    [Fact]
    public void Further_failures_update_the_open_outage_without_announcing_it_again()
    {
        var rule = new PlatformOutageRule(2);
        var open = new PlatformOutage("bluesky", T0, null, 2, "HTTP 502");

        var (after, opened) = rule.Failed("bluesky", open, 2, T0, "timed out", T0.AddMinutes(10));

        Assert.False(opened);
        Assert.Equal(open with { FailedRequests = 3, Reason = "timed out" }, after);
    }

    [Fact]
    public void An_answered_request_resolves_the_open_outage_and_nothing_else()
    {
        var open = new PlatformOutage("x", T0, null, 4, "HTTP 502");

        var resolved = PlatformOutageRule.Answered(open, T0.AddHours(1));

        Assert.Equal(T0.AddHours(1), resolved!.End);
        Assert.False(resolved.IsOpen);
        Assert.Equal(open.Id, resolved.Id);
        Assert.Null(PlatformOutageRule.Answered(null, T0));
        Assert.Null(PlatformOutageRule.Answered(resolved, T0.AddHours(2)));
    }

    [Fact]
    public void A_threshold_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlatformOutageRule(0));
}
