using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Client;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor entity</c> against a running silo: create with an account, show, link, unlink, and a link another entity's account refuses.</summary>
public sealed class EntityCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_entity_is_created_shown_linked_and_unlinked_and_a_taken_account_is_refused_with_its_owner()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var x = TestAccounts.NewKey();
        var telegram = "telegram:@t" + suffix;
        await silo.Client.PutAccountAsync(x, new AccountProfile(Handle: x[2..], Groups: ["cli-entities"]), Cancellation);
        await silo.Client.PutAccountAsync(telegram, new AccountProfile(Handle: "t" + suffix, Groups: ["cli-entities"]), Cancellation);
        await silo.Client.PostObservationsAsync(
            [new ObservationInput(x, new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero), 300_000), new ObservationInput(telegram, new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero), 100_000)],
            Cancellation);

        var create = await MonitorCli.RunAsync(silo.Address, "entity", "create", $"Ministry {suffix}", "--kind", "office", "--account", x);
        Assert.Equal((0, $"ministry-{suffix}  office  Ministry {suffix}  [{x}]"), (create.ExitCode, create.Output.Trim()));
        var id = $"ministry-{suffix}";

        var link = await MonitorCli.RunAsync(silo.Address, "entity", "link", id, telegram);
        Assert.Equal(0, link.ExitCode);
        Assert.True(link.Output.Contains(x, StringComparison.Ordinal) && link.Output.Contains(telegram, StringComparison.Ordinal), link.ToString());

        var show = await MonitorCli.RunAsync(silo.Address, "entity", "show", id);
        Assert.Equal(0, show.ExitCode);
        var lines = show.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("combined reach 400,000 (sum of followers; audiences overlap)", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^x +300,000 +75\.0 ?%$", lines[2]);
        Assert.Matches(@"^telegram +100,000 +25\.0 ?%$", lines[3]);

        // A second entity cannot take the Telegram account: exit 2 with the silo's reason and the owner.
        var other = await MonitorCli.RunAsync(silo.Address, "entity", "create", $"Person {suffix}", "--kind", "person");
        Assert.Equal(0, other.ExitCode);
        var conflict = await MonitorCli.RunAsync(silo.Address, "entity", "link", $"person-{suffix}", telegram);
        Assert.Equal(ExitCodes.SiloRefused, conflict.ExitCode);
        Assert.Contains("409 Conflict: Account belongs to another entity", conflict.Error, StringComparison.Ordinal);
        Assert.Contains($"belongs to entity '{id}'", conflict.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, conflict.Output);

        var unlink = await MonitorCli.RunAsync(silo.Address, "entity", "unlink", id, telegram, "--output", "json");
        Assert.Equal(0, unlink.ExitCode);
        Assert.Equal([x], JsonSerializer.Deserialize<Entity>(unlink.Output, MonitorClient.JsonOptions)!.Accounts);
        var stored = await silo.Client.FindEntityAsync(id, Cancellation);
        Assert.Equal([x], stored!.Entity.Accounts);

        var relink = await MonitorCli.RunAsync(silo.Address, "entity", "link", $"person-{suffix}", telegram);
        Assert.Equal(0, relink.ExitCode);

        var missing = await MonitorCli.RunAsync(silo.Address, "entity", "show", "no-such-entity");
        Assert.Equal((ExitCodes.NotFound, "error: no entity no-such-entity."), (missing.ExitCode, missing.Error.Trim()));
    }
}
