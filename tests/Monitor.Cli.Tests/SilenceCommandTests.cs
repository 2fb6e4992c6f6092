using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Client;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor silence</c> adds silences by matchers, lists them and expires them on the running silo.</summary>
public sealed class SilenceCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    [Fact]
    public async Task Silence_add_list_and_expire_go_through_the_silo_with_matchers()
    {
        var before = DateTimeOffset.UtcNow;
        var add = await MonitorCli.RunAsync(silo.Address, "silence", "add", "kind=drop", "group=~turkic-.*", "--for", "2h", "--comment", "known purge", "--output", "json");

        Assert.True(add.ExitCode == 0, add.ToString());
        var silence = JsonSerializer.Deserialize<Silence>(add.Output, MonitorClient.JsonOptions)!;
        Assert.Equal([new SilenceMatcher("kind", "=", "drop"), new SilenceMatcher("group", "=~", "turkic-.*")], silence.Matchers);
        Assert.InRange(silence.ExpiresAt, before.AddHours(2), DateTimeOffset.UtcNow.AddHours(2));
        Assert.Equal("known purge", silence.Comment);
        Assert.Contains(silence.Id, (await MonitorCli.RunAsync(silo.Address, "silence", "list")).Output, StringComparison.Ordinal);

        var expire = await MonitorCli.RunAsync(silo.Address, "silence", "expire", silence.Id);

        Assert.Equal(0, expire.ExitCode);
        Assert.DoesNotContain(silence.Id, (await MonitorCli.RunAsync(silo.Address, "silence", "list")).Output, StringComparison.Ordinal);
        Assert.Contains(silence.Id, (await MonitorCli.RunAsync(silo.Address, "silence", "list", "--all")).Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await MonitorCli.RunAsync(silo.Address, "silence", "expire", silence.Id)).ExitCode);
    }

    [Fact]
    public async Task A_matcher_the_silo_refuses_or_cannot_parse_is_explained()
    {
        var unknownLabel = await MonitorCli.RunAsync(silo.Address, "silence", "add", "colour=red", "--for", "1h");
        var badRegex = await MonitorCli.RunAsync(silo.Address, "silence", "add", "group=~turkic(", "--for", "1h");
        var notAMatcher = await MonitorCli.RunAsync(silo.Address, "silence", "add", "drop", "--for", "1h");

        Assert.Equal(ExitCodes.SiloRefused, unknownLabel.ExitCode);
        Assert.Contains("400", unknownLabel.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SiloRefused, badRegex.ExitCode);
        Assert.Equal(ExitCodes.Usage, notAMatcher.ExitCode);
        Assert.Contains("'drop' is not a matcher", notAMatcher.ErrorLines[0], StringComparison.Ordinal);
    }
}
