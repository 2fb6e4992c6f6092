namespace Monitor.Grains.Accounts;

/// <summary>Settings of the account grains.</summary>
public sealed class AccountGrainOptions
{
    /// <summary>
    /// Write a checkpoint after about this many batches even when no episode changed (bounds the replay on activation);
    /// each account's spacing varies between half and one and a half times it (see CheckpointSpacing).
    /// </summary>
    public int CheckpointEveryBatches { get; set; } = 64;

    /// <summary>Write a checkpoint when the last one is older than this and a batch arrives.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A busy account refreshes its directory row (list and ranking figures) at most this often; the last batch always lands.</summary>
    public TimeSpan DirectoryRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the stall reminder wakes the account to check for missing data (reminders allow 1 minute at least).</summary>
    public TimeSpan StallCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether configured accounts register the stall reminder (off in tests that drive CheckStall themselves).</summary>
    public bool StallReminder { get; set; } = true;

    /// <summary>
    /// When set, an account activation re-reads its stored checkpoint's ETag before acknowledging a write if it has not done
    /// so for this long, and a new activation always writes its checkpoint, so an activation left on a silo declared dead
    /// steps down instead of acknowledging points its successor cannot see. Off (null) on a single silo; cluster mode sets 1 s.
    /// </summary>
    public TimeSpan? OwnershipCheckInterval { get; set; }

    /// <summary>Collector polls that must fail in a row before the account raises a stall alert with the reason.</summary>
    public int StallAfterFailedPolls { get; set; } = 3;
}
