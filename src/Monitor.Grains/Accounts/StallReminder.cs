namespace Monitor.Grains.Accounts;

/// <summary>
/// The reminder that checks a configured account for stalls (<see cref="AccountGrain.ReceiveReminder"/>, every
/// <see cref="AccountGrainOptions.StallCheckPeriod"/>): a silent account receives no calls, and a tick costs an activation
/// at most and an O(1) check. It is written after the account's state, so a silo that died in between left a configured
/// account without one: the client's retry of the registration mends it.
/// </summary>
internal static class StallReminder
{
    public const string Name = "stall";

    /// <summary>
    /// Writes the reminder when <see cref="AccountGrainOptions.StallReminder"/> is on; with <paramref name="onlyIfMissing"/>
    /// only when the account has none (a registration that changed nothing).
    /// </summary>
    public static async Task RegisterAsync(IGrainBase grain, AccountGrainOptions options, bool onlyIfMissing)
    {
        if (!options.StallReminder || (onlyIfMissing && await grain.GetReminder(Name) is not null))
        {
            return;
        }

        await grain.RegisterOrUpdateReminder(Name, options.StallCheckPeriod, options.StallCheckPeriod);
    }

    public static async Task UnregisterAsync(IGrainBase grain)
    {
        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
