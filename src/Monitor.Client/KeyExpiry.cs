using System.Globalization;

namespace Monitor.Client;

/// <summary>The <c>--expires</c> value of the key commands: a duration from now or a point in time.</summary>
public static class KeyExpiry
{
    /// <summary>Parses a duration (<c>30d</c>, <c>12h</c>, <c>45m</c>) from <paramref name="now"/>, or an ISO 8601 date or time in the future.</summary>
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'd':
                    return now.AddDays(amount);
                case 'h':
                    return now.AddHours(amount);
                case 'm':
                    return now.AddMinutes(amount);
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at > now ? at : throw new ArgumentException($"--expires '{text}' is not in the future.", nameof(text));
        }

        throw new ArgumentException($"--expires '{text}' is neither a duration (30d, 12h, 45m) nor an ISO 8601 date or time.", nameof(text));
    }
}
