using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>A silence with its matchers compiled: the equality fields (account, group, kind, severity) and its matcher list.</summary>
public sealed class SilenceRule
{
    private readonly LabelMatcher[] _matchers;

    /// <summary>Compiles <paramref name="silence"/>; throws <see cref="ArgumentException"/> on a matcher that does not compile.</summary>
    public SilenceRule(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        Silence = silence;
        var matchers = new List<LabelMatcher>();
        void Equal(string name, string? value)
        {
            if (value is not null)
            {
                matchers.Add(new LabelMatcher(name, "=", value));
            }
        }

        Equal("account", silence.Account);
        Equal("group", silence.Group);
        Equal("kind", silence.Kind);
        Equal("severity", silence.Severity);
        for (var i = 0; i < (silence.Matchers?.Count ?? 0); i++)
        {
            var matcher = silence.Matchers![i];
            if (Array.IndexOf(AlertLabels.Names, matcher.Name) < 0)
            {
                throw new ArgumentException(
                    $"Matcher {i} names '{matcher.Name}'; a silence matches {string.Join(", ", AlertLabels.Names)}.", $"{nameof(silence)}.{nameof(silence.Matchers)}");
            }

            matchers.Add(new LabelMatcher(matcher.Name, matcher.Operator, matcher.Value));
        }

        _matchers = [.. matchers];
    }

    public Silence Silence { get; }

    /// <summary>Whether the silence has at least one matcher (one with none would mute everything).</summary>
    public bool HasMatchers => _matchers.Length > 0;

    /// <summary>Whether the silence is in force at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => (Silence.StartsAt ?? Silence.CreatedAt) <= now && now < Silence.ExpiresAt;

    /// <summary>Whether it mutes <paramref name="alert"/> at <paramref name="now"/>.</summary>
    public bool Mutes(AlertView alert, DateTimeOffset now) =>
        IsActive(now) && _matchers.All(matcher => matcher.Matches(AlertLabels.Values(alert, matcher.Name)));
}
