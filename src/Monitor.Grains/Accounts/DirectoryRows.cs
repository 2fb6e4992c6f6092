using Monitor.Abstractions.Accounts;
using Monitor.Grains.Directories;

namespace Monitor.Grains.Accounts;

/// <summary>How an account writes its directory row: the directory is an index, so a failed write is logged, not thrown.</summary>
internal static class DirectoryRows
{
    /// <summary>Refreshes the row in the background (coalesced across accounts by <see cref="AccountDirectory"/>).</summary>
    public static void Refresh(IAccountDirectory directory, AccountSummary summary, ILogger logger)
    {
        if (directory is AccountDirectory coalescing)
        {
            coalescing.Refresh(summary);
        }
        else
        {
            _ = UpsertAsync(directory, summary, logger);
        }
    }

    public static async Task UpsertAsync(IAccountDirectory directory, AccountSummary summary, ILogger logger)
    {
        try
        {
            await directory.UpsertAsync(summary);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not update the directory row of {Account}.", summary.Account);
        }
    }
}
