using System.Globalization;

namespace Monitor.Evaluation.Nab;

/// <summary>NAB's timestamp text: "yyyy-MM-dd HH:mm:ss" in data files, with a ".ffffff" fraction in the labels; read as UTC.</summary>
internal static class NabTimestamp
{
    private static readonly string[] _formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    /// <summary>Parses one timestamp; <paramref name="field"/> names where it came from for the error message.</summary>
    public static DateTime Parse(string text, string field)
    {
        if (!DateTime.TryParseExact(text.Trim(), _formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            throw new FormatException($"{field}: timestamp '{text}' is not in NAB's 'yyyy-MM-dd HH:mm:ss' form.");
        }

        return timestamp;
    }

    /// <summary>Formats a timestamp as NAB's data and results files do.</summary>
    public static string Format(DateTime timestamp) => timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
