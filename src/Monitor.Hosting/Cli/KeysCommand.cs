using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.AccessControl;
using Monitor.Client;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Storage;

namespace Monitor.Hosting.Cli;

/// <summary>
/// <c>keys create|list|revoke</c> offline: manages API keys directly in the configured store (the same storage options as
/// <c>serve</c>), so the first admin key can exist before the silo listens beyond loopback. A running silo sees a new key at
/// once and a revocation within <see cref="AccessControlOptions.KeyCacheDuration"/>. With a silo running, use
/// <c>monitor keys</c> (over <c>/api/keys</c>) instead: it reaches that silo's store whatever it is.
/// </summary>
public static class KeysCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command(
            "keys",
            "Offline: create, list and revoke API keys in the store serve uses (data/monitor.db unless configured), with the silo stopped; " +
            "to bootstrap the first admin key before exposing the silo. With a silo running, use 'monitor keys'.");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    /// <summary>The key ring over the store that <paramref name="options"/> (and appsettings/environment) configure.</summary>
    public static (KeyRing Keys, AuditLog Audit, SiloDatabase Database) OpenStore(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(options.Configuration)
            .Build();
        var storage = SiloApp.ReadStorageOptions(configuration);
        var database = new SiloDatabase(storage, SchemaMigrator.CreateDefault);
        var access = configuration.GetSection(AccessControlOptions.SectionName).Get<AccessControlOptions>() ?? new AccessControlOptions();
        var keys = new KeyRing(new ApiKeyStore(database), TimeProvider.System, Options.Create(access), loopbackOnly: false);
        return (keys, new AuditLog(database), database);
    }

    private static Command CreateCreate()
    {
        var role = new Option<string>("--role") { Description = "reader (read only), writer (ingest, import, read) or admin (everything).", Required = true };
        role.AcceptOnlyFromAmong(ApiKeyRoles.All);
        var name = new Option<string?>("--name") { Description = "What the key is for (shown in lists and the audit log)." };
        var expires = new Option<string?>("--expires") { Description = "Expiry: a duration (30d, 12h, 45m) or an ISO 8601 date or time." };
        var hostOptions = new HostCommandOptions();
        var command = new Command("create", "Create an API key and print it (the only time it is shown).") { role, name, expires };
        hostOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var expiresAt = parseResult.GetValue(expires) is { } text ? KeyExpiry.Parse(text, now) : (DateTimeOffset?)null;
            var (keys, audit, database) = OpenStore(hostOptions.Read(parseResult));
            await using (database)
            {
                var created = await keys.CreateAsync(parseResult.GetValue(role)!, parseResult.GetValue(name), expiresAt, cancellationToken);
                await audit.AppendAsync(
                    new AuditEntry(0, now, "cli", Environment.UserName, "keys create", $"key {created.Details.Id} ({created.Details.Role})", 0),
                    cancellationToken);
                Console.WriteLine(created.Key);
                await Console.Error.WriteLineAsync(
                    $"Created {created.Details.Role} key {created.Details.Id}{(expiresAt is { } e ? $", expires {e:O}" : "")}. " +
                    "Store it now: it is not shown again. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>' (MONITOR_API_KEY for the command line).");
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var hostOptions = new HostCommandOptions();
        var command = new Command("list", "List API keys (never their secrets).");
        hostOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (keys, _, database) = OpenStore(hostOptions.Read(parseResult));
            await using (database)
            {
                foreach (var key in await keys.ListAsync(cancellationToken))
                {
                    var state = key.Revoked is not null ? "revoked" : key.Expires is { } e && e <= DateTimeOffset.UtcNow ? "expired" : "active";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{key.Id}  {key.Role,-6}  {state,-7}  created {key.Created:yyyy-MM-dd HH:mm}  last used {key.LastUsed?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {key.Name}"));
                }
            }
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<string>("id") { Description = "The key id (the 16 hex digits after 'mon_')." };
        var force = new Option<bool>("--force") { Description = "Revoke even the last active admin key (nobody can then manage keys until a new admin key is created here)." };
        var hostOptions = new HostCommandOptions();
        var command = new Command("revoke", "Revoke an API key.") { id, force };
        hostOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (keys, audit, database) = OpenStore(hostOptions.Read(parseResult));
            await using (database)
            {
                var (outcome, revoked) = await keys.RevokeAsync(parseResult.GetValue(id)!, parseResult.GetValue(force), cancellationToken);
                if (outcome == KeyRevocation.NotFound)
                {
                    Console.WriteLine($"No key {parseResult.GetValue(id)}");
                    return 4;
                }

                if (outcome == KeyRevocation.LastAdmin)
                {
                    await Console.Error.WriteLineAsync($"Key {revoked!.Id} is the last active admin key; create another admin key first, or repeat with --force.");
                    return 5;
                }

                await audit.AppendAsync(new AuditEntry(0, DateTimeOffset.UtcNow, "cli", Environment.UserName, "keys revoke", $"key {revoked!.Id}", 0), cancellationToken);
                Console.WriteLine($"Revoked {revoked!.Id}");
                return 0;
            }
        });
        return command;
    }
}
