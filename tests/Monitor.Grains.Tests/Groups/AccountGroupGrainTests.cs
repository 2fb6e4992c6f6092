using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Groups;

/// <summary>Group rankings served from the directory, in a real silo.</summary>
public sealed class AccountGroupGrainTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(StorageTargets.Memory(), TimeProvider.System);
        var directory = _silo.Get<IAccountDirectory>();
        // The seed snapshot's turkic-mfa figures, plus a member with no data yet and one outside the group.
        await directory.UpsertAsync(SummaryBuilder.For("x:@MFATurkiye").InGroups("turkic-mfa").With(1_800_000, 28_700).Growing(0.1, 0.5, 2.0).Build(), TestContext.Current.CancellationToken);
        await directory.UpsertAsync(SummaryBuilder.For("x:@AzerbaijanMFA").InGroups("turkic-mfa").With(205_200, 18_300).Growing(0.4, 3.1, 12.5).Build(), TestContext.Current.CancellationToken);
        await directory.UpsertAsync(SummaryBuilder.For("x:@MFA_KZ").InGroups("turkic-mfa").With(52_900, 11_800).Growing(0.2, null, 1.0).Build(), TestContext.Current.CancellationToken);
        await directory.UpsertAsync(SummaryBuilder.For("x:@uzbekmfa").InGroups("turkic-mfa").With(7_948, 4_000).Growing(0.2, 0.9, null).Build(), TestContext.Current.CancellationToken);
        await directory.UpsertAsync(SummaryBuilder.For("x:@newmember").InGroups("turkic-mfa").Build(), TestContext.Current.CancellationToken);
        await directory.UpsertAsync(SummaryBuilder.For("x:@presidentaz").InGroups("world-leaders").With(900_000, 5_000).Build(), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("followers", "x:@MFATurkiye,x:@AzerbaijanMFA,x:@MFA_KZ,x:@uzbekmfa,x:@newmember")]
    [InlineData("posts", "x:@MFATurkiye,x:@AzerbaijanMFA,x:@MFA_KZ,x:@uzbekmfa,x:@newmember")]
    [InlineData("followersPerPost", "x:@MFATurkiye,x:@AzerbaijanMFA,x:@MFA_KZ,x:@uzbekmfa,x:@newmember")]
    [InlineData("growth1d", "x:@AzerbaijanMFA,x:@MFA_KZ,x:@uzbekmfa,x:@MFATurkiye,x:@newmember")]
    [InlineData("growth7d", "x:@AzerbaijanMFA,x:@uzbekmfa,x:@MFATurkiye,x:@MFA_KZ,x:@newmember")]
    [InlineData("growth30d", "x:@AzerbaijanMFA,x:@MFATurkiye,x:@MFA_KZ,x:@newmember,x:@uzbekmfa")]
    public async Task Ranks_members_highest_first_with_missing_values_last_and_ties_by_key(string by, string expected)
    {
        var ranking = await _silo.Grains.GetGrain<IAccountGroupGrain>("turkic-mfa").GetRankingAsync(by);

        Assert.Equal(expected.Split(','), ranking.Select(entry => entry.Account));
        Assert.Equal(Enumerable.Range(1, 5), ranking.Select(entry => entry.Rank));
    }

    [Fact]
    public async Task Followers_per_post_is_the_ratio_of_the_members_figures()
    {
        var ranking = await _silo.Grains.GetGrain<IAccountGroupGrain>("turkic-mfa").GetRankingAsync("followersPerPost");

        var turkiye = ranking.Single(entry => entry.Account == "x:@MFATurkiye");
        Assert.Equal(1_800_000 / 28_700.0, turkiye.FollowersPerPost!.Value, 6);
        Assert.Null(ranking.Single(entry => entry.Account == "x:@newmember").FollowersPerPost);
    }

    [Fact]
    public async Task An_unknown_ranking_key_is_refused_naming_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _silo.Grains.GetGrain<IAccountGroupGrain>("turkic-mfa").GetRankingAsync("likes"));

        Assert.Equal(("by", (object?)"likes"), (error.ParamName, error.ActualValue));
    }
}
