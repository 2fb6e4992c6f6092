using Orleans.Concurrency;
using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// The aggregation point for alerts: deduplicates episodes into alerts, correlates group incidents,
/// applies acknowledgements and silences, and keeps the ordered change log that live streams resume from.
/// </summary>
[Alias("monitor.IAlertHubGrain")]
public interface IAlertHubGrain : IGrainWithStringKey
{
    /// <summary>Applies episode events (idempotent on episode id and content).</summary>
    [Alias("PublishAsync")]
    Task PublishAsync(IReadOnlyList<EpisodeEvent> events);

    [Alias("QueryAsync")]
    [AlwaysInterleave]
    Task<AlertPage> QueryAsync(AlertQuery query);

    [Alias("GetAsync")]
    [AlwaysInterleave]
    Task<AlertView?> GetAsync(string alertId);

    /// <remarks>Runs between the awaits of a publish in progress (it does not wait for the batch); the hub keeps its
    /// writes atomic and the change log consecutive (see AlertHubGrain).</remarks>
    [Alias("AcknowledgeAsync")]
    [AlwaysInterleave]
    Task<AlertView?> AcknowledgeAsync(string alertId, string? by);

    /// <remarks>Runs between the awaits of a publish in progress (it does not wait for the batch); the hub keeps its
    /// writes atomic and the change log consecutive (see AlertHubGrain).</remarks>
    [Alias("ResolveAsync")]
    [AlwaysInterleave]
    Task<AlertView?> ResolveAsync(string alertId, string? by);

    /// <remarks>Runs between the awaits of a publish in progress (it does not wait for the batch); the hub keeps its
    /// writes atomic and the change log consecutive (see AlertHubGrain).</remarks>
    [Alias("AddSilenceAsync")]
    [AlwaysInterleave]
    Task<Silence> AddSilenceAsync(Silence silence);

    /// <remarks>Runs between the awaits of a publish in progress (it does not wait for the batch); the hub keeps its
    /// writes atomic and the change log consecutive (see AlertHubGrain).</remarks>
    [Alias("RemoveSilenceAsync")]
    [AlwaysInterleave]
    Task<bool> RemoveSilenceAsync(string silenceId);

    /// <summary>Silences in force (not yet expired), oldest first.</summary>
    [Alias("ListSilencesAsync")]
    [ReadOnly]
    Task<IReadOnlyList<Silence>> ListSilencesAsync();

    /// <summary>Every silence kept, expired ones included, newest first.</summary>
    [Alias("ListSilenceHistoryAsync")]
    [ReadOnly]
    Task<IReadOnlyList<Silence>> ListSilenceHistoryAsync();

    [Alias("ListIncidentsAsync")]
    [ReadOnly]
    Task<IReadOnlyList<Incident>> ListIncidentsAsync();

    /// <summary>Changes with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    [Alias("ReadChangesAsync")]
    [AlwaysInterleave]
    Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max);

    /// <summary>Prunes alerts by the retention settings and trims the change log now (the hub also does so on a timer); returns the alerts removed.</summary>
    [Alias("PruneAsync")]
    Task<int> PruneAsync();

    /// <summary>The sequence of the newest change (0 before the first); a feed that joins late starts after it.</summary>
    [Alias("GetLastSequenceAsync")]
    [AlwaysInterleave]
    Task<long> GetLastSequenceAsync();
}
