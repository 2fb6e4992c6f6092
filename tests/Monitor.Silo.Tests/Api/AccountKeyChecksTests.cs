using Monitor.Api;
using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Api;

public sealed class AccountKeyChecksTests
{
    [Fact]
    public void A_spelling_gets_the_rule_answer_whether_kept_or_past_capacity()
    {
        var checks = new AccountKeyChecks(capacity: 1);

        foreach (var key in new[] { "X:2996296402", "bluesky:", "X:2996296402", "bluesky:" })
        {
            var expected = AccountKeyRule.TryCanonicalize(key, out var expectedKey, out var expectedReason);
            var actual = checks.TryCanonicalize(key, out var grainKey, out var reason);

            Assert.Equal((expected, expectedKey, expectedReason), (actual, grainKey, reason));
        }

        Assert.True(checks.TryGetKnown("X:2996296402".AsSpan(), out var known));
        Assert.Equal("X:2996296402", known);
        Assert.False(checks.TryGetKnown("bluesky:".AsSpan(), out _));
    }

    [Fact]
    public void A_missing_key_is_refused_with_the_rule_reason()
    {
        var checks = new AccountKeyChecks(capacity: 4);

        Assert.False(checks.TryCanonicalize(null, out var grainKey, out var reason));
        Assert.Equal("", grainKey);
        AccountKeyRule.TryCanonicalize(null, out _, out var expected);
        Assert.Equal(expected, reason);
    }
}
