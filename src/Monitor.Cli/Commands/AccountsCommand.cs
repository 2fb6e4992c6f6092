using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Cli.Accounts;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary><c>accounts add|set|unset|list|remove</c> against a running silo.</summary>
public static class AccountsCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        return new Command("accounts", "Register, edit, list and remove monitored accounts.")
        {
            CreateAdd(context),
            CreateSet(context),
            CreateUnset(context),
            CreateList(context),
            CreateRemove(context),
        };
    }

    private static Command CreateAdd(CliContext context)
    {
        var key = KeyArgument();
        var fields = new ProfileOptions();
        var replace = new Option<bool>("--replace") { Description = "On an existing account, replace its whole profile with what is given here." };
        var command = new Command(
            "add",
            "Register an account. On an existing one, the handle and display name given replace the stored ones and the groups and tags given are added; the rest stays (--replace to replace it all).")
        {
            key,
            replace,
        };
        fields.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var client = new MonitorClient(http);
            var account = parseResult.GetValue(key)!;
            var given = fields.Read(parseResult);
            var stored = parseResult.GetValue(replace) ? null : await client.FindAccountAsync(account, cancellationToken);
            var profile = stored is null ? given : ProfileChanges.Merge(stored.Profile, given);
            var (summary, created) = await client.SaveAccountAsync(account, profile, cancellationToken);
            await ReportAsync(context, parseResult, created ? "Registered" : "Updated", summary);
        });
        return command;
    }

    private static Command CreateSet(CliContext context)
    {
        var key = KeyArgument();
        var fields = new ProfileOptions();
        var command = new Command("set", "Change fields of an existing account's profile: each option given replaces that field (--group lists replace the groups); the rest stays.")
        {
            key,
        };
        fields.AddTo(command);
        command.Validators.Add(result =>
        {
            if (fields.All.All(option => result.GetResult(option) is null))
            {
                result.AddError($"Name at least one field to set: {string.Join(", ", fields.All.Select(option => option.Name))}.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
            EditAsync(context, parseResult, parseResult.GetValue(key)!, stored => ProfileChanges.Set(stored, fields.Read(parseResult)), cancellationToken));
        return command;
    }

    private static Command CreateUnset(CliContext context)
    {
        var key = KeyArgument();
        var names = new Argument<string[]>("field") { Description = $"Fields to clear: {string.Join(", ", ProfileChanges.Fields)}.", Arity = ArgumentArity.OneOrMore };
        names.AcceptOnlyFromAmong(ProfileChanges.Fields);
        var command = new Command("unset", "Clear fields of an existing account's profile; the rest stays.") { key, names };
        command.SetAction((parseResult, cancellationToken) =>
            EditAsync(context, parseResult, parseResult.GetValue(key)!, stored => ProfileChanges.Unset(stored, parseResult.GetValue(names)!), cancellationToken));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var platform = new Option<string?>("--platform") { Description = "Only this platform." };
        var group = new Option<string?>("--group") { Description = "Only members of this group." };
        var tag = new Option<string?>("--tag") { Description = "Only accounts with this tag." };
        var text = new Option<string?>("--text") { Description = "Key, handle or display name contains this." };
        var limit = new Option<int>("--limit") { Description = "Most accounts to list.", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List accounts with their latest figures.") { platform, group, tag, text, limit };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var page = await new MonitorClient(http).ListAccountsAsync(
                new AccountListQuery(parseResult.GetValue(platform), parseResult.GetValue(group), parseResult.GetValue(tag), parseResult.GetValue(text), 0, parseResult.GetValue(limit)),
                cancellationToken);
            if (context.IsJson(parseResult))
            {
                await context.WriteJsonAsync(page);
                return;
            }

            foreach (var account in page.Items)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{account.Account,-36} {account.Followers,14:N0} followers {account.Posts,10:N0} posts  {account.Profile.DisplayName}  [{string.Join(", ", account.Profile.Groups ?? [])}]"));
            }

            await context.Out.WriteLineAsync($"{page.Items.Count} of {page.Total} accounts");
        });
        return command;
    }

    private static Command CreateRemove(CliContext context) =>
        ByIdCommand.Create(context, "remove", "removed", "Stop monitoring an account and remove its state.", KeyArgument(),
            account => $"no account {account}.", (client, account, cancellationToken) => client.RemoveAccountAsync(account, cancellationToken));

    private static Argument<string> KeyArgument() =>
        new("key") { Description = "Account key: platform:id (x:2996296402, x:@handle, bluesky:did:plc:...)." };

    // set and unset: read the stored profile, change it, write it back; an unknown account is an error, not a registration.
    private static async Task<int> EditAsync(
        CliContext context, ParseResult parseResult, string account, Func<AccountProfile, AccountProfile> change, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttp(parseResult);
        var client = new MonitorClient(http);
        if (await client.FindAccountAsync(account, cancellationToken) is not { } stored)
        {
            await context.Error.WriteLineAsync($"error: no account {account}; register it with 'monitor accounts add {account}'.");
            return ExitCodes.NotFound;
        }

        var (summary, _) = await client.SaveAccountAsync(account, change(stored.Profile), cancellationToken);
        await ReportAsync(context, parseResult, "Updated", summary);
        return ExitCodes.Success;
    }

    private static Task ReportAsync(CliContext context, ParseResult parseResult, string verb, AccountSummary summary) =>
        context.IsJson(parseResult)
            ? context.WriteJsonAsync(summary)
            : context.Out.WriteLineAsync($"{verb} {summary.Account}: {ProfileChanges.Describe(summary.Profile)}");
}
