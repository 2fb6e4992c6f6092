using System.Text.Json;
using Monitor.Abstractions.Access;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Client;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary>
/// <c>monitor keys</c> goes to the running silo over HTTP (its store, whatever it is), and once the silo has keys every
/// command without one is refused with a message that says what to set.
/// </summary>
public sealed class KeysCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_create_reaches_the_running_silo_then_a_401_names_the_option_and_the_variable()
    {
        Assert.True((await silo.Client.WhoAmIAsync(Cancellation)).Open);

        var create = await MonitorCli.RunAsync(silo.Address, "keys", "create", "--name", "first admin");

        Assert.Equal(0, create.ExitCode);
        var key = create.Output.Trim();
        Assert.StartsWith("mon_", key, StringComparison.Ordinal);
        using var withKey = MonitorHttp.Create(silo.Address, key, "test");
        var whoami = await new MonitorClient(withKey).WhoAmIAsync(Cancellation);
        Assert.Equal((ApiKeyRoles.Admin, "first admin", false), (whoami.Role, whoami.Name, whoami.Open));

        var withoutKey = await MonitorCli.RunAsync(silo.Address, "accounts", "list");
        Assert.Equal(ExitCodes.Unauthorized, withoutKey.ExitCode);
        Assert.Matches(@"^error: GET \S+/api/accounts\S*: 401 Unauthorized", withoutKey.ErrorLines[0]);
        Assert.Equal($"hint: this silo has API keys: pass --api-key <key> or set {CliEnvironment.ApiKeyVariable}.", withoutKey.ErrorLines[1]);

        var wrongKey = await MonitorCli.RunAsync(silo.Address, "accounts", "list", "--api-key", "mon_0000000000000000_wrong");
        Assert.Equal(ExitCodes.Unauthorized, wrongKey.ExitCode);
        Assert.Contains("was refused", wrongKey.ErrorLines[1], StringComparison.Ordinal);

        var variables = new Dictionary<string, string> { [CliEnvironment.ServerVariable] = silo.Address.ToString(), [CliEnvironment.ApiKeyVariable] = key };
        var list = await MonitorCli.RunAsync(variables, "keys", "list", "--output", "json");
        Assert.Equal(0, list.ExitCode);
        var listed = Assert.Single(JsonSerializer.Deserialize<List<ApiKeyView>>(list.Output, MonitorClient.JsonOptions)!);
        Assert.Equal(whoami.KeyId, listed.Id);

        var reader = await MonitorCli.RunAsync(variables, "keys", "create", "--role", "reader", "--output", "json");
        var readerKey = JsonSerializer.Deserialize<CreatedApiKey>(reader.Output, MonitorClient.JsonOptions)!;
        Assert.Equal(ApiKeyRoles.Reader, readerKey.Details.Role);
        var forbidden = await MonitorCli.RunAsync(silo.Address, "keys", "list", "--api-key", readerKey.Key);
        Assert.Equal(ExitCodes.Unauthorized, forbidden.ExitCode);
        Assert.Matches(@"^error: GET \S+/api/keys: 403 Forbidden", forbidden.ErrorLines[0]);

        Assert.Equal(0, (await MonitorCli.RunAsync(variables, "keys", "revoke", readerKey.Details.Id)).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await MonitorCli.RunAsync(variables, "keys", "revoke", "0000000000000000")).ExitCode);
    }
}
