using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The hub's silences in memory (every one kept, expired ones too, as the store holds them): whether they mute an alert,
/// the lists the API shows, and the changes a new set of silences makes to the unresolved alerts' flags.
/// </summary>
internal sealed class HubSilences
{
    private List<SilenceRule> _rules = [];

    public void Load(IEnumerable<Silence> silences) => _rules = silences.Select(silence => new SilenceRule(silence)).ToList();

    public bool Mutes(AlertView alert, DateTimeOffset now) => Mutes(_rules, alert, now);

    public SilenceRule? Find(string silenceId) => _rules.FirstOrDefault(rule => rule.Silence.Id == silenceId);

    /// <summary>The silences with <paramref name="rule"/> added, or replacing the one with its id.</summary>
    public List<SilenceRule> With(SilenceRule rule) => _rules.Where(existing => existing.Silence.Id != rule.Silence.Id).Append(rule).ToList();

    /// <summary>Takes <paramref name="rules"/> as the silences in force (after they were committed).</summary>
    public void Replace(List<SilenceRule> rules) => _rules = rules;

    public IReadOnlyList<Silence> Active(DateTimeOffset now) => _rules
        .Where(rule => rule.Silence.ExpiresAt > now)
        .Select(rule => rule.Silence)
        .OrderBy(silence => silence.CreatedAt)
        .ThenBy(silence => silence.Id, StringComparer.Ordinal)
        .ToList();

    public IReadOnlyList<Silence> History() => _rules
        .Select(rule => rule.Silence)
        .OrderByDescending(silence => silence.CreatedAt)
        .ThenBy(silence => silence.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>Records an update for every unresolved alert whose silenced flag <paramref name="rules"/> change.</summary>
    public static async Task RefreshFlagsAsync(IAlertStore store, AlertHubSession session, List<SilenceRule> rules, DateTimeOffset now)
    {
        foreach (var alert in await store.ListUnresolvedAsync(CancellationToken.None))
        {
            var silenced = Mutes(rules, alert, now);
            if (silenced != alert.Silenced)
            {
                var updated = alert with { Silenced = silenced, UpdatedAt = now };
                session.Put(updated);
                session.Record(AlertChangeNames.Updated, updated);
            }
        }
    }

    private static bool Mutes(List<SilenceRule> rules, AlertView alert, DateTimeOffset now) => rules.Any(rule => rule.Mutes(alert, now));
}
