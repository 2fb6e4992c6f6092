using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Cli;

/// <summary><c>accounts add|list|remove</c> against a running silo.</summary>
public static class AccountsCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("accounts", "Register, list and remove monitored accounts.");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRemove());
        return command;
    }

    private static Command CreateAdd()
    {
        var key = new Argument<string>("key") { Description = "Account key: platform:id (x:2996296402, x:@handle, bluesky:did:plc:...)." };
        var handle = new Option<string?>("--handle") { Description = "Display handle." };
        var displayName = new Option<string?>("--display-name") { Description = "Display name." };
        var groups = new Option<string[]>("--group") { Description = "A group the account belongs to (repeatable).", AllowMultipleArgumentsPerToken = true };
        var tags = new Option<string[]>("--tag") { Description = "A tag (repeatable).", AllowMultipleArgumentsPerToken = true };
        var server = ServerOption.Create();
        var command = new Command("add", "Register an account (or update its profile).") { key, handle, displayName, groups, tags, server };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!);
            var profile = new AccountProfile(
                parseResult.GetValue(handle),
                parseResult.GetValue(displayName),
                parseResult.GetValue(groups) is { Length: > 0 } g ? g : null,
                parseResult.GetValue(tags) is { Length: > 0 } t ? t : null);
            var created = await new MonitorClient(http).PutAccountAsync(parseResult.GetValue(key)!, profile, cancellationToken);
            Console.WriteLine($"{(created ? "Registered" : "Updated")} {parseResult.GetValue(key)}");
        });
        return command;
    }

    private static Command CreateList()
    {
        var platform = new Option<string?>("--platform") { Description = "Only this platform." };
        var group = new Option<string?>("--group") { Description = "Only members of this group." };
        var tag = new Option<string?>("--tag") { Description = "Only accounts with this tag." };
        var text = new Option<string?>("--text") { Description = "Key, handle or display name contains this." };
        var limit = new Option<int>("--limit") { Description = "Most accounts to list.", DefaultValueFactory = _ => 100 };
        var server = ServerOption.Create();
        var command = new Command("list", "List accounts with their latest figures.") { platform, group, tag, text, limit, server };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!);
            var page = await new MonitorClient(http).ListAccountsAsync(
                new AccountListQuery(parseResult.GetValue(platform), parseResult.GetValue(group), parseResult.GetValue(tag), parseResult.GetValue(text), 0, parseResult.GetValue(limit)),
                cancellationToken);
            foreach (var account in page.Items)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{account.Account,-36} {account.Followers,14:N0} followers {account.Posts,10:N0} posts  {account.Profile.DisplayName}  [{string.Join(", ", account.Profile.Groups ?? [])}]"));
            }

            Console.WriteLine($"{page.Items.Count} of {page.Total} accounts");
        });
        return command;
    }

    private static Command CreateRemove()
    {
        var key = new Argument<string>("key") { Description = "Account key." };
        var server = ServerOption.Create();
        var command = new Command("remove", "Stop monitoring an account and remove its state.") { key, server };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = ServerOption.CreateHttpClient(parseResult.GetValue(server)!);
            var removed = await new MonitorClient(http).RemoveAccountAsync(parseResult.GetValue(key)!, cancellationToken);
            Console.WriteLine(removed ? $"Removed {parseResult.GetValue(key)}" : $"No account {parseResult.GetValue(key)}");
            return removed ? 0 : 4;
        });
        return command;
    }
}
