using System.CommandLine;
using System.Globalization;
using Monitor.Abstractions.Access;
using Monitor.Client;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>keys create|list|revoke</c> through the running silo's <c>/api/keys</c> (admin; in open trial mode, from loopback, the
/// first key). For the very first admin key of a silo that is not yet reachable, the silo executable has an offline
/// <c>keys create</c> over its store (docs/security.md).
/// </summary>
public static class KeysCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("keys", "Create, list and revoke API keys on the running silo (admin).");
        command.Subcommands.Add(CreateCreate(context));
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateRevoke(context));
        return command;
    }

    private static Command CreateCreate(CliContext context)
    {
        var role = new Option<string>("--role") { Description = "reader (read only), writer (ingest, import, read) or admin (everything; the default).", DefaultValueFactory = _ => ApiKeyRoles.Admin };
        role.AcceptOnlyFromAmong(ApiKeyRoles.All);
        var name = new Option<string?>("--name") { Description = "What the key is for (shown in lists and the audit log)." };
        var expires = new Option<string?>("--expires") { Description = "Expiry: a duration (30d, 12h, 45m) or an ISO 8601 date or time." };
        var command = new Command("create", "Create an API key and print it (the only time it is shown). The first key of a silo turns access control on.") { role, name, expires };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var expiresAt = parseResult.GetValue(expires) is { } text ? KeyExpiry.Parse(text, DateTimeOffset.UtcNow) : (DateTimeOffset?)null;
            using var http = context.CreateHttp(parseResult);
            var created = await new MonitorClient(http).CreateKeyAsync(
                new CreateApiKeyRequest(parseResult.GetValue(role), parseResult.GetValue(name) ?? $"monitor keys create by {Environment.UserName}", expiresAt),
                cancellationToken);
            if (context.IsJson(parseResult))
            {
                await context.WriteJsonAsync(created);
                return;
            }

            await context.Out.WriteLineAsync(created.Key);
            await context.Error.WriteLineAsync(
                $"Created {created.Details.Role} key {created.Details.Id}{(created.Details.Expires is { } e ? $", expires {e:O}" : "")}. " +
                $"Store it now: it is not shown again. Send it as 'Authorization: Bearer <key>' ({CliEnvironment.ApiKeyVariable} or --api-key for this command line).");
        });
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "List API keys (never their secrets).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var keys = await new MonitorClient(http).ListKeysAsync(cancellationToken);
            if (context.IsJson(parseResult))
            {
                await context.WriteJsonAsync(keys);
                return;
            }

            foreach (var key in keys)
            {
                var state = key.Revoked is not null ? "revoked" : key.Expires is { } e && e <= DateTimeOffset.UtcNow ? "expired" : "active";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id}  {key.Role,-6}  {state,-7}  created {key.Created:yyyy-MM-dd HH:mm}  last used {key.LastUsed?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {key.Name}"));
            }
        });
        return command;
    }

    private static Command CreateRevoke(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The key id (the 16 hex digits after 'mon_')." };
        var command = new Command("revoke", "Revoke an API key (it stops working at once).") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var http = context.CreateHttp(parseResult);
            var key = parseResult.GetValue(id)!;
            if (!await new MonitorClient(http).RevokeKeyAsync(key, cancellationToken))
            {
                await context.Error.WriteLineAsync($"error: no key {key}.");
                return ExitCodes.NotFound;
            }

            await (context.IsJson(parseResult) ? context.WriteJsonAsync(new { revoked = key }) : context.Out.WriteLineAsync($"Revoked {key}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
