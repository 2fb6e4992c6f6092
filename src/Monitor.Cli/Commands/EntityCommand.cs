using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Entities;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>entity create|list|show|link|unlink|delete</c> through <c>/api/entities</c>: people and offices owning accounts on
/// several platforms (changes need the admin role; an account belongs to at most one entity).
/// </summary>
public static class EntityCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("entity", "People and offices that own accounts on several platforms: create, list, show, link, unlink, delete.")
        {
            CreateCreate(context),
            CreateList(context),
            CreateShow(context),
            CreateLink(context, "link", "Link an account to the entity (refused when another entity owns it)."),
            CreateLink(context, "unlink", "Unlink an account from the entity."),
            CreateDelete(context),
        };
    }

    private static Command CreateCreate(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The entity's name, e.g. \"Ilham Aliyev\"." };
        var id = new Option<string?>("--id") { Description = "The id (lower-case words joined by hyphens); derived from the name when omitted." };
        var kind = new Option<string?>("--kind") { Description = "person or office." };
        kind.AcceptOnlyFromAmong([.. EntityLimits.Kinds]);
        var accounts = new Option<string[]>("--account") { Description = "An account key it owns (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Create an entity, optionally with its accounts.") { name, id, kind, accounts };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var created = await new MonitorClient(http).CreateEntityAsync(
                new CreateEntityRequest(parseResult.GetValue(name), parseResult.GetValue(id), parseResult.GetValue(kind), parseResult.GetValue(accounts) ?? []),
                cancellationToken);
            await context.WriteAsync(parseResult, created, Line(created));
        });
        return command;
    }

    private static Command CreateList(CliContext context) =>
        ListCommand.Create(context, "List the entities and their accounts.", (client, cancellationToken) => client.ListEntitiesAsync(cancellationToken), Line);

    private static Command CreateShow(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The entity id." };
        var command = new Command("show", "Show an entity: combined reach (sum of followers; audiences overlap), each platform's share, combined growth.") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var detail = await new MonitorClient(http).FindEntityAsync(parseResult.GetValue(id)!, cancellationToken);
            if (detail is null)
            {
                await context.Error.WriteLineAsync($"error: no entity {parseResult.GetValue(id)}.");
                return ExitCodes.NotFound;
            }

            if (context.IsJson(parseResult))
            {
                await context.WriteJsonAsync(detail);
                return ExitCodes.Success;
            }

            await context.Out.WriteLineAsync(Line(detail.Entity));
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"combined reach {detail.Followers:N0} (sum of followers; audiences overlap)  growth 7d {Percent(detail.Growth7d)}  30d {Percent(detail.Growth30d)}"));
            foreach (var platform in detail.Platforms)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {platform.Platform,-10} {platform.Followers,14:N0}  {platform.Share:P1}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateLink(CliContext context, string verb, string description)
    {
        var id = new Argument<string>("id") { Description = "The entity id." };
        var account = new Argument<string>("account") { Description = "The account key (platform:id)." };
        var command = new Command(verb, description) { id, account };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var client = new MonitorClient(http);
            var entity = verb == "link"
                ? await client.LinkEntityAccountAsync(parseResult.GetValue(id)!, parseResult.GetValue(account)!, cancellationToken)
                : await client.UnlinkEntityAccountAsync(parseResult.GetValue(id)!, parseResult.GetValue(account)!, cancellationToken);
            await context.WriteAsync(parseResult, entity, Line(entity));
        });
        return command;
    }

    private static Command CreateDelete(CliContext context) =>
        ByIdCommand.Create(context, "delete", "deleted", "Delete an entity (its accounts stay monitored).", new Argument<string>("id") { Description = "The entity id." },
            entity => $"no entity {entity}.", (client, entity, cancellationToken) => client.DeleteEntityAsync(entity, cancellationToken));

    private static string Line(Entity entity) =>
        $"{entity.Id}  {entity.Kind ?? "-",-6}  {entity.Name}  [{string.Join(", ", entity.Accounts)}]";

    private static string Percent(double? value) =>
        value is { } v ? v.ToString("+0.00%;-0.00%;0.00%", CultureInfo.InvariantCulture) : "-";
}
