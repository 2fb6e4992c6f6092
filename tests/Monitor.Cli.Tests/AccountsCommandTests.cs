using Monitor.Abstractions.Accounts;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor accounts add|set|unset|list|remove</c>: what each leaves of a stored profile.</summary>
public sealed class AccountsCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_on_an_existing_account_adds_the_group_and_keeps_the_display_name_groups_and_detector()
    {
        var account = TestAccounts.NewKey();
        var overrides = new DetectorOverrides(SpikeZ: 7.5);
        await silo.Client.PutAccountAsync(account, new AccountProfile("uzbekmfa", "Uzbekistan MFA", ["turkic-mfa"], ["mfa"], overrides), Cancellation);

        var add = await MonitorCli.RunAsync(silo.Address, "accounts", "add", account, "--group", "central-asia");

        Assert.Equal(0, add.ExitCode);
        Assert.Equal($"Updated {account}: handle uzbekmfa, display name 'Uzbekistan MFA', groups [turkic-mfa, central-asia], tags [mfa]", add.Output.Trim());
        var stored = (await silo.Client.FindAccountAsync(account, Cancellation))!.Profile;
        Assert.Equal("Uzbekistan MFA", stored.DisplayName);
        Assert.Equal(["turkic-mfa", "central-asia"], stored.Groups);
        Assert.Equal(["mfa"], stored.Tags);
        Assert.Equal(overrides, stored.Detector);
        var ranking = await silo.Client.ListAccountsAsync(new AccountListQuery(null, "turkic-mfa", null, null, 0, 500), Cancellation);
        Assert.Contains(ranking.Items, item => item.Account == account);
    }

    [Fact]
    public async Task Add_with_replace_replaces_the_whole_profile()
    {
        var account = TestAccounts.NewKey();
        await silo.Client.PutAccountAsync(account, new AccountProfile("old", "Old Name", ["turkic-mfa"]), Cancellation);

        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "add", account, "--group", "central-asia", "--replace")).ExitCode);

        var stored = (await silo.Client.FindAccountAsync(account, Cancellation))!.Profile;
        Assert.Null(stored.DisplayName);
        Assert.Null(stored.Handle);
        Assert.Equal(["central-asia"], stored.Groups);
    }

    [Fact]
    public async Task Set_changes_only_the_fields_given_and_unset_clears_only_the_fields_named()
    {
        var account = TestAccounts.NewKey();
        await silo.Client.PutAccountAsync(account, new AccountProfile("mfa", "Old Name", ["turkic-mfa", "central-asia"], ["mfa"]), Cancellation);

        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "set", account, "--display-name", "New Name")).ExitCode);
        var afterSet = (await silo.Client.FindAccountAsync(account, Cancellation))!.Profile;
        Assert.Equal(("mfa", "New Name"), (afterSet.Handle, afterSet.DisplayName));
        Assert.Equal(["turkic-mfa", "central-asia"], afterSet.Groups);
        Assert.Equal(["mfa"], afterSet.Tags);

        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "set", account, "--group", "turkic-leaders")).ExitCode);
        Assert.Equal(["turkic-leaders"], (await silo.Client.FindAccountAsync(account, Cancellation))!.Profile.Groups);

        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "unset", account, "tags", "handle")).ExitCode);
        var afterUnset = (await silo.Client.FindAccountAsync(account, Cancellation))!.Profile;
        Assert.Null(afterUnset.Handle);
        Assert.True(afterUnset.Tags is null or { Count: 0 });
        Assert.Equal("New Name", afterUnset.DisplayName);
        Assert.Equal(["turkic-leaders"], afterUnset.Groups);
    }

    [Fact]
    public async Task Set_and_unset_on_an_unknown_account_exit_4_without_registering_it()
    {
        var account = TestAccounts.NewKey();

        var set = await MonitorCli.RunAsync(silo.Address, "accounts", "set", account, "--display-name", "Nobody");
        var unset = await MonitorCli.RunAsync(silo.Address, "accounts", "unset", account, "handle");

        Assert.Equal(ExitCodes.NotFound, set.ExitCode);
        Assert.Equal(ExitCodes.NotFound, unset.ExitCode);
        Assert.Equal([$"error: no account {account}; register it with 'monitor accounts add {account}'."], set.ErrorLines);
        Assert.Null(await silo.Client.FindAccountAsync(account, Cancellation));
    }

    [Fact]
    public async Task Set_without_a_field_and_unset_of_an_unknown_field_are_usage_errors()
    {
        var account = TestAccounts.NewKey();

        var set = await MonitorCli.RunAsync(silo.Address, "accounts", "set", account);
        var unset = await MonitorCli.RunAsync(silo.Address, "accounts", "unset", account, "followers");

        Assert.Equal(ExitCodes.Usage, set.ExitCode);
        Assert.Contains("Name at least one field to set: ", set.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unset.ExitCode);
        Assert.Contains("followers", unset.Error, StringComparison.Ordinal);
        Assert.Null(await silo.Client.FindAccountAsync(account, Cancellation));
    }

    [Fact]
    public async Task List_with_output_json_prints_the_api_page_and_remove_of_an_unknown_account_exits_4()
    {
        var account = TestAccounts.NewKey();
        var group = TestAccounts.NewGroup();
        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "add", account, "--group", group, "--display-name", "Listed")).ExitCode);

        var list = await MonitorCli.RunAsync(silo.Address, "accounts", "list", "--group", group, "--output", "json");

        Assert.Equal(0, list.ExitCode);
        var page = System.Text.Json.JsonSerializer.Deserialize<AccountPage>(list.Output, Monitor.Client.MonitorClient.JsonOptions)!;
        Assert.Equal(1, page.Total);
        Assert.Equal("Listed", Assert.Single(page.Items).Profile.DisplayName);
        var unknown = TestAccounts.NewKey();
        var remove = await MonitorCli.RunAsync(silo.Address, "accounts", "remove", unknown);
        Assert.Equal(ExitCodes.NotFound, remove.ExitCode);
        Assert.Equal([$"error: no account {unknown}."], remove.ErrorLines);
    }
}
