using Monitor.Runtime;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// The aggregation point for alerts: deduplicates episodes into alerts, correlates group incidents,
/// applies acknowledgements and silences, and keeps the ordered change log that live streams resume from.
/// </summary>
public interface IAlertHubGrain : IGrainWithStringKey
{
    /// <summary>Applies episode events (idempotent on episode id and content).</summary>
    Task PublishAsync(IReadOnlyList<EpisodeEvent> events);

    [ReadOnly]
    Task<AlertPage> QueryAsync(AlertQuery query);

    [ReadOnly]
    Task<AlertView?> GetAsync(string alertId);

    Task<AlertView?> AcknowledgeAsync(string alertId, string? by);

    Task<AlertView?> ResolveAsync(string alertId, string? by);

    Task<Silence> AddSilenceAsync(Silence silence);

    Task<bool> RemoveSilenceAsync(string silenceId);

    [ReadOnly]
    Task<IReadOnlyList<Silence>> ListSilencesAsync();

    [ReadOnly]
    Task<IReadOnlyList<Incident>> ListIncidentsAsync();

    /// <summary>Changes with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max);

    /// <summary>The sequence of the newest change (0 before the first); a feed that joins late starts after it.</summary>
    [ReadOnly]
    Task<long> GetLastSequenceAsync();
}
