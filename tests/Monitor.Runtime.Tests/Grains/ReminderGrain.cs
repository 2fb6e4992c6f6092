using Monitor.Runtime.Reminders;
using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Signals "constructed", and "tick:key:name" for each reminder tick.</summary>
public sealed class ReminderGrain : Grain, IReminderGrain
{
    private readonly GrainProbe _probe;

    public ReminderGrain(GrainProbe probe)
    {
        _probe = probe;
        probe.Signal("constructed");
    }

    public Task StartAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task<bool> StopAsync(string reminderName)
    {
        var reminder = await GetReminder(reminderName);
        if (reminder is null)
        {
            return false;
        }

        await UnregisterReminder(reminder);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync() => [.. (await GetReminders()).Select(r => r.ReminderName).Order()];

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _probe.Append($"tick:{GrainId.Key}:{reminderName}:{status.CurrentTickTime:O}");
        _probe.Signal($"tick:{GrainId.Key}:{reminderName}");
        return Task.CompletedTask;
    }
}
