using Monitor.Abstractions.Accounts;
using Monitor.Grains.Directories;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

/// <summary>The account directory's queries and persistence, run against every store.</summary>
public abstract class AccountDirectoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A directory over the test's store; a second call gives a new instance over the same rows.</summary>
    protected abstract AccountDirectory OpenDirectory();

    [Fact]
    public async Task Filters_by_platform_group_tag_and_text()
    {
        var directory = OpenDirectory();
        await SeedAsync(directory);

        Assert.Equal(["x:1", "x:2", "x:3"], await KeysAsync(directory, new AccountListQuery(Platform: "x")));
        Assert.Equal(["bluesky:did:plc:a", "x:1"], await KeysAsync(directory, new AccountListQuery(Group: "turkic-mfa")));
        Assert.Equal(["x:2"], await KeysAsync(directory, new AccountListQuery(Tag: "leader")));
        Assert.Equal(["x:3"], await KeysAsync(directory, new AccountListQuery(Text: "KAZ")));
        Assert.Equal(["bluesky:did:plc:a"], await KeysAsync(directory, new AccountListQuery(Text: "plc:a")));
        Assert.Equal(["x:1"], await KeysAsync(directory, new AccountListQuery(Platform: "x", Group: "turkic-mfa", Text: "mfa")));
    }

    [Fact]
    public async Task Pages_in_key_order_with_the_total()
    {
        var directory = OpenDirectory();
        foreach (var i in Enumerable.Range(0, 25))
        {
            await directory.UpsertAsync(SummaryBuilder.For($"x:{i:D3}").Build(), Token);
        }

        var page = await directory.ListAsync(new AccountListQuery(Offset: 10, Limit: 10), Token);
        var last = await directory.ListAsync(new AccountListQuery(Offset: 20, Limit: 10), Token);

        Assert.Equal(25, page.Total);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"x:{i:D3}"), page.Items.Select(item => item.Account));
        Assert.Equal(Enumerable.Range(20, 5).Select(i => $"x:{i:D3}"), last.Items.Select(item => item.Account));
    }

    [Fact]
    public async Task Groups_count_their_members_and_list_them()
    {
        var directory = OpenDirectory();
        await SeedAsync(directory);

        var groups = await directory.ListGroupsAsync(Token);
        var members = await directory.GetGroupMembersAsync("world-leaders", Token);

        Assert.Equal([("turkic-mfa", 2), ("world-leaders", 2)], groups.Select(g => (g.Name, g.Members)));
        Assert.Equal(["x:2", "x:3"], members.Select(m => m.Account));
    }

    /// <summary>Only for stores that persist; the subclasses that do run it as a test.</summary>
    protected async Task Removing_and_replacing_rows_is_seen_by_a_new_instance_case()
    {
        var directory = OpenDirectory();
        await SeedAsync(directory);
        await directory.UpsertAsync(SummaryBuilder.For("x:2").Named("leader2", "Renamed").With(99, 3).InGroups("world-leaders").Build(), Token);
        await directory.RemoveAsync("x:3", Token);

        var reopened = OpenDirectory();
        var all = await reopened.ListAsync(new AccountListQuery(), Token);

        Assert.Equal(["bluesky:did:plc:a", "x:1", "x:2"], all.Items.Select(item => item.Account));
        var renamed = all.Items.Single(item => item.Account == "x:2");
        Assert.Equal(("Renamed", 99L, 33.0), (renamed.Profile.DisplayName, renamed.Followers!.Value, renamed.FollowersPerPost!.Value));
    }

    [Fact]
    public async Task Bad_paging_names_the_field()
    {
        var directory = OpenDirectory();

        var limit = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => directory.ListAsync(new AccountListQuery(Limit: 0), Token));
        var offset = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => directory.ListAsync(new AccountListQuery(Offset: -1), Token));

        Assert.Equal("query.Limit", limit.ParamName);
        Assert.Equal("query.Offset", offset.ParamName);
    }

    private static async Task SeedAsync(AccountDirectory directory)
    {
        await directory.UpsertAsync(SummaryBuilder.For("x:1").Named("AzerbaijanMFA", "MFA Azerbaijan").InGroups("turkic-mfa").With(205_200, 9_000).Build(), Token);
        await directory.UpsertAsync(SummaryBuilder.For("x:2").Named("presidentaz").InGroups("world-leaders").Tagged("leader").With(800_000).Build(), Token);
        await directory.UpsertAsync(SummaryBuilder.For("x:3").Named("kz_leader", "Kazakhstan President").InGroups("world-leaders").With(50_000).Build(), Token);
        await directory.UpsertAsync(SummaryBuilder.For("bluesky:did:plc:a").Named("mfa.bsky.social").InGroups("turkic-mfa").Build(), Token);
    }

    private static async Task<List<string>> KeysAsync(AccountDirectory directory, AccountListQuery query) =>
        [.. (await directory.ListAsync(query, Token)).Items.Select(item => item.Account)];
}
