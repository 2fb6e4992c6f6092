using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Runtime;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.Hosting;
using Monitor.Runtime.Storage;
using Monitor.Runtime.TestHost;

// Usage: Monitor.Runtime.TestHost <sqlite file> [--register]
// Hosts a silo over the SQLite file; with --register, registers the heartbeat reminder (period 500 ms) first.
// Prints "ready PID" once started and "tick PID REMINDER COUNT" per tick, and runs until killed.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Monitor.Runtime.TestHost <sqlite file> [--register]");
    return 2;
}

var dataSource = args[0];
var period = TimeSpan.FromMilliseconds(500);
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Services.AddSqliteGrainStorage("Default", options => options.DataSource = dataSource);
builder.Services.UseSqliteReminderTable(options => options.DataSource = dataSource);
builder.UseMonitorSilo(silo => silo
    .AddGrain<IHeartbeatGrain, HeartbeatGrain>()
    .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = period));

using var host = builder.Build();
await host.StartAsync();
if (args.Contains("--register"))
{
    await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IHeartbeatGrain>("beat").StartAsync(period);
    Console.WriteLine("registered");
}

Console.WriteLine($"ready {Environment.ProcessId}");
await host.WaitForShutdownAsync();
return 0;
