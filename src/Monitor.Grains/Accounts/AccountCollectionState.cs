using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Accounts;

/// <summary>The collection side of an account's checkpoint: the last poll and the state of its unavailable and stall alerts.</summary>
public sealed class AccountCollectionState
{
    /// <summary>The last poll, as the summary shows it.</summary>
    public CollectionStatus? Status { get; set; }

    /// <summary>Failed polls in a row.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>When the current run of failures began.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Start of the open unavailable episode.</summary>
    public DateTimeOffset? UnavailableSince { get; set; }

    /// <summary>Start of the open collection stall.</summary>
    public DateTimeOffset? StalledSince { get; set; }

    /// <summary>The open collection alerts (unavailable, stall), as the summary lists them.</summary>
    public List<Monitor.Abstractions.Alerts.AlertView> OpenAlerts { get; set; } = [];
}
