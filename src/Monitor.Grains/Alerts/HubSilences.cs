using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// The hub's silences in memory (every one kept, expired ones too, as the store holds them): whether they mute an alert,
/// and the lists the API shows.
/// </summary>
internal sealed class HubSilences
{
    private List<SilenceRule> _rules = [];

    public void Load(IEnumerable<Silence> silences) => _rules = silences.Select(silence => new SilenceRule(silence)).ToList();

    public bool Mutes(AlertView alert, DateTimeOffset now) => Mutes(_rules, alert, now);

    /// <summary>The fingerprint of the silences held, to compare with the store's at commit.</summary>
    public SilenceFingerprint Fingerprint => SilenceFingerprint.Of(_rules.Select(rule => rule.Silence));

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

    public static bool Mutes(IReadOnlyList<SilenceRule> rules, AlertView alert, DateTimeOffset now) => rules.Any(rule => rule.Mutes(alert, now));
}
