namespace Monitor.Grains.Accounts;

/// <summary>
/// How many batches an account takes before its next checkpoint: spread over [n/2, 3n/2) by the account key and the
/// number of checkpoints so far, averaging n. Accounts fed in lockstep (a load that sends every account one batch per
/// request) would otherwise all reach n on the same request and make it wait for all their checkpoints at once.
/// </summary>
internal static class CheckpointSpacing
{
    public static int Next(string account, int checkpoints, int every)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (every <= 1)
        {
            return 1;
        }

        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in account)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)checkpoints) * 16777619u;
        hash ^= hash >> 15;
        return (every / 2) + (int)(hash % (uint)every);
    }
}
