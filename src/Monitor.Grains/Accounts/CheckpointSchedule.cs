namespace Monitor.Grains.Accounts;

/// <summary>
/// When an account writes its next checkpoint even though no episode changed: after about
/// <see cref="AccountGrainOptions.CheckpointEveryBatches"/> batches (spread per account, <see cref="CheckpointSpacing"/>) or
/// once the last one is older than <see cref="AccountGrainOptions.CheckpointInterval"/>. A field of the grain.
/// </summary>
internal struct CheckpointSchedule
{
    private int _batchesSince;
    private int _checkpoints;
    private int _dueAfterBatches;
    private DateTimeOffset _last;

    /// <summary>Batches taken since the last checkpoint.</summary>
    public readonly int BatchesSince => _batchesSince;

    public void BatchTaken() => _batchesSince++;

    public readonly bool IsDue(DateTimeOffset now, TimeSpan interval) => _batchesSince >= _dueAfterBatches || now - _last >= interval;

    /// <summary>The model was restored from the checkpoint at <paramref name="now"/>: the spacing starts again from there.</summary>
    public void Restored(string account, int every, DateTimeOffset now)
    {
        _last = now;
        _dueAfterBatches = CheckpointSpacing.Next(account, _checkpoints, every);
    }

    public void Written(string account, int every, DateTimeOffset now)
    {
        _batchesSince = 0;
        _dueAfterBatches = CheckpointSpacing.Next(account, ++_checkpoints, every);
        _last = now;
    }

    /// <summary>The account was removed: nothing is left to checkpoint.</summary>
    public void Clear() => _batchesSince = 0;
}
