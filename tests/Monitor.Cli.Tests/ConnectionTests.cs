using System.Net;
using System.Net.Sockets;
using Monitor.Cli.Tests.Infrastructure;
using Xunit;

namespace Monitor.Cli.Tests;

/// <summary>Where the command line looks for a silo, and what it says when none answers.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task No_silo_at_the_address_exits_5_with_one_line_naming_the_address_and_how_to_point_elsewhere()
    {
        var closed = ClosedPort();
        var server = new Uri($"http://127.0.0.1:{closed}/");

        var list = await MonitorCli.RunAsync(server, "accounts", "list");

        Assert.Equal(ExitCodes.Unreachable, list.ExitCode);
        var line = Assert.Single(list.ErrorLines);
        Assert.StartsWith($"error: no silo answered at {server}", line, StringComparison.Ordinal);
        Assert.Contains($"--server or {CliEnvironment.ServerVariable}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_option_wins_over_the_variable_and_bad_addresses_are_usage_errors()
    {
        var closed = ClosedPort();
        var variables = new Dictionary<string, string> { [CliEnvironment.ServerVariable] = "http://127.0.0.1:1/" };

        var list = await MonitorCli.RunAsync(variables, "accounts", "list", "--server", $"http://127.0.0.1:{closed}");
        var badOption = await MonitorCli.RunAsync(variables, "accounts", "list", "--server", "127.0.0.1:5080");
        var badVariable = await MonitorCli.RunAsync(new Dictionary<string, string> { [CliEnvironment.ServerVariable] = "localhost" }, "accounts", "list");

        Assert.Contains($"no silo answered at http://127.0.0.1:{closed}/", list.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badOption.ExitCode);
        Assert.Contains("--server '127.0.0.1:5080' is not an absolute http:// or https:// address.", badOption.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badVariable.ExitCode);
        Assert.Equal([$"error: {CliEnvironment.ServerVariable} 'localhost' is not an absolute http:// or https:// address."], badVariable.ErrorLines);
    }

    // A port nothing listens on: one the OS just handed out and took back.
    private static int ClosedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
