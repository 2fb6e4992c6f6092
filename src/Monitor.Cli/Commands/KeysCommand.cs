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
        return new Command("keys", "Create, list and revoke API keys on the running silo (admin).")
        {
            CreateCreate(context),
            CreateList(context),
            CreateRevoke(context),
        };
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

    private static Command CreateList(CliContext context) =>
        ListCommand.Create(context, "List API keys (never their secrets).", (client, cancellationToken) => client.ListKeysAsync(cancellationToken), Line);

    private static Command CreateRevoke(CliContext context) =>
        ByIdCommand.Create(context, "revoke", "revoked", "Revoke an API key (it stops working at once).", new Argument<string>("id") { Description = "The key id (the 16 hex digits after 'mon_')." },
            key => $"no key {key}.", (client, key, cancellationToken) => client.RevokeKeyAsync(key, cancellationToken));

    private static string Line(ApiKeyView key)
    {
        var state = key.Revoked is not null ? "revoked" : key.Expires is { } e && e <= DateTimeOffset.UtcNow ? "expired" : "active";
        return string.Create(CultureInfo.InvariantCulture,
            $"{key.Id}  {key.Role,-6}  {state,-7}  created {key.Created:yyyy-MM-dd HH:mm}  last used {key.LastUsed?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {key.Name}");
    }
}
