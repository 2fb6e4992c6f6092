using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class SiloRestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"monitor-restart-{Guid.NewGuid():N}");

    public SiloRestartTests()
    {
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public async Task A_reminder_fires_after_the_silo_process_is_killed_and_started_again()
    {
        var dataSource = Path.Combine(_directory, "silo.db");

        int ticksBeforeCrash;
        await using (var first = SiloProcess.Start(dataSource, register: true))
        {
            await first.WaitForLineAsync(line => line == "registered");
            var tick = Tick.Parse(await first.WaitForLineAsync(line => line.StartsWith("tick ", StringComparison.Ordinal)));
            Assert.Equal((first.Id, "heartbeat"), (tick.ProcessId, tick.Reminder));
            ticksBeforeCrash = tick.Count;
            await first.KillAsync();
        }

        await using var second = SiloProcess.Start(dataSource, register: false);
        var output = new List<string>();
        var afterRestart = Tick.Parse(await second.WaitForLineAsync(line => line.StartsWith("tick ", StringComparison.Ordinal), output));

        // The second process never registered anything: the tick comes from the durable reminder row,
        // and the count continues from the grain state the first process wrote.
        Assert.DoesNotContain("registered", output);
        Assert.Equal((second.Id, "heartbeat"), (afterRestart.ProcessId, afterRestart.Reminder));
        Assert.True(afterRestart.Count > ticksBeforeCrash, $"count {afterRestart.Count} continues after {ticksBeforeCrash}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold the file for a moment; the temp folder is cleaned eventually.
        }
    }

    private readonly record struct Tick(int ProcessId, string Reminder, int Count)
    {
        public static Tick Parse(string line)
        {
            var parts = line.Split(' ');
            return new Tick(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
