namespace Monitor.Grains.Accounts;

/// <summary>Settings of the account grains.</summary>
public sealed class AccountGrainOptions
{
    // Write a checkpoint after about this many batches even when no episode changed (bounds the replay on activation);
    // each account's spacing varies between half and one and a half times it (see CheckpointSpacing).
    public int CheckpointEveryBatches { get; set; } = 64;

    // Write a checkpoint when the last one is older than this and a batch arrives.
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    // A busy account refreshes its directory row (list and ranking figures) at most this often; the last batch always lands.
    public TimeSpan DirectoryRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    // How often the stall reminder wakes the account to check for missing data (reminders allow 1 minute at least).
    public TimeSpan StallCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    // Whether configured accounts register the stall reminder (off in tests that drive CheckStall themselves).
    public bool StallReminder { get; set; } = true;

    // Collector polls that must fail in a row before the account raises a stall alert with the reason.
    public int StallAfterFailedPolls { get; set; } = 3;
}
