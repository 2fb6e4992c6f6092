using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Accounts;

/// <summary>
/// The checkpoint of an account grain: profile, serialised history and detector, open episodes, the highest log sequence
/// folded in, and the episode events the hub has not yet accepted.
/// </summary>
public sealed class AccountState
{
    /// <summary>Whether the account has been configured (only configured accounts accept observations).</summary>
    public bool Configured { get; set; }

    /// <summary>What the team says about the account.</summary>
    public AccountProfile Profile { get; set; } = new();

    /// <summary><c>FollowerHistory.Serialize()</c> at the checkpoint; null before the first point.</summary>
    public byte[]? History { get; set; }

    /// <summary><c>AccountDetector.SerializeState()</c> at the checkpoint; null before the first point.</summary>
    public byte[]? Detector { get; set; }

    /// <summary>The detector's open episodes at the checkpoint.</summary>
    public List<AlertView> OpenEpisodes { get; set; } = [];

    /// <summary>The highest observation log sequence folded into this state; activation replays the rows after it.</summary>
    public long CheckpointSeq { get; set; }

    /// <summary>Episode events not yet accepted by the alert hub (at most one per episode).</summary>
    public List<EpisodeEvent> Outbox { get; set; } = [];

    /// <summary>What collectors found when they polled the account; null until the first poll.</summary>
    public AccountCollectionState? Collection { get; set; }
}
