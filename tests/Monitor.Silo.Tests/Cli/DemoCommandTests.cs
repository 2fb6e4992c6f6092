using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Monitor.Hosting.Cli;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Cli;

/// <summary>The silo executable's <c>demo</c> as a user starts it: a child process with its own temp folder.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("monitor-demo-tests-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_on_a_taken_port_prints_one_line_naming_the_port_its_holder_and_urls_and_leaves_no_database()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        using var demo = Start("demo", "--urls", $"http://127.0.0.1:{port}");
        var stdout = demo.StandardOutput.ReadToEndAsync(Cancellation);
        var stderr = demo.StandardError.ReadToEndAsync(Cancellation);
        await demo.WaitForExitAsync(Cancellation);

        Assert.Equal(SiloCommandLine.FailureExitCode, demo.ExitCode);
        Assert.Equal("", await stdout);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: port {port} is taken (by pid {Environment.ProcessId}: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"pick another port with --urls http://127.0.0.1:{port + 1}", line, StringComparison.Ordinal);
        Assert.Empty(DemoDatabases());
    }

    [Fact]
    public async Task Demo_removes_its_database_when_stopped_and_prints_the_dashboard_and_the_from_start_tail()
    {
        using var demo = Start("demo", "--urls", "http://127.0.0.1:0");
        var lines = new List<string>();
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        demo.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                serving.TrySetException(new InvalidOperationException("The demo ended before serving:\n" + Snapshot()));
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            if (line == "Serving until Ctrl+C.")
            {
                serving.TrySetResult();
            }
        };
        demo.ErrorDataReceived += (_, e) =>
        {
            lock (lines)
            {
                lines.Add("stderr: " + e.Data);
            }
        };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();

        // A bound on a hang, not a speed goal: the replay takes seconds.
        await serving.Task.WaitAsync(TimeSpan.FromMinutes(10), Cancellation);
        var printed = Snapshot().Split('\n');
        var address = printed.Single(line => line.StartsWith("Silo listening on ", StringComparison.Ordinal))["Silo listening on ".Length..];
        Assert.Contains($"Dashboard: {address}", printed);
        Assert.Contains($"  monitor alerts tail --from-start --server {address}", printed);
        var database = Assert.Single(DemoDatabases());
        Assert.True(File.Exists(Path.Combine(database, "monitor.db")));

        using (var terminate = Process.Start("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync(Cancellation);
        }

        await demo.WaitForExitAsync(Cancellation);
        Assert.Equal(0, demo.ExitCode);
        Assert.Empty(DemoDatabases());

        string Snapshot()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    [Fact]
    public void Demo_help_names_the_demo_database_not_serves()
    {
        using var output = new StringWriter();

        SiloCommandLine.Create().Parse(["demo", "--help"]).Invoke(new InvocationConfiguration { Output = output });

        var help = output.ToString();
        // Help wraps long descriptions at spaces: look for the path, not the whole sentence.
        Assert.Contains("monitor-demo-<id>/monitor.db", help, StringComparison.Ordinal);
        Assert.DoesNotContain("data/monitor.db", help, StringComparison.Ordinal);
        Assert.Contains("--keep", help, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    // The runtime also keeps its diagnostics sockets in TMPDIR: only the demo's own folders count.
    private string[] DemoDatabases() => Directory.GetDirectories(_temp.Path, "monitor-demo-*");

    // The executable with this test's temp folder as TMPDIR, so the demo's database lands where the test can see it.
    private Process Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _temp.Path,
        };
        startInfo.ArgumentList.Add(SiloExecutable.DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TMPDIR"] = _temp.Path + "/";
        return Process.Start(startInfo)!;
    }
}
