using System.Globalization;

namespace Monitor.Import;

/// <summary>
/// The one rule for an observation's time, in JSON ingest and CSV import alike: an ISO 8601 date (<c>2024-05-01</c>,
/// midnight UTC) or date and time, at most <c>Monitor:Ingest:MaxClockSkew</c> ahead of the silo's clock. The usual ISO 8601 shape (<c>2024-05-01T12:00:00Z</c>, with an optional
/// fraction of up to 7 digits and a <c>Z</c>, <c>±hh:mm</c> or no offset) is read directly, several times faster than
/// <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>; anything else goes
/// to that parser, so both accept the same texts and give the same instants. No offset means UTC.
/// </summary>
public static class ObservationTimestamp
{
    /// <summary>The most characters of a refused text that a reason quotes.</summary>
    public const int MaxQuotedLength = 40;

    /// <summary>Null with the instant in <paramref name="value"/> when <paramref name="text"/> is acceptable; otherwise why not.</summary>
    public static string? Check(ReadOnlySpan<char> text, DateTimeOffset latestAllowed, out DateTimeOffset value)
    {
        if (!TryParse(text, out value))
        {
            return HasOffsetOutOfRange(text)
                ? $"'{Quote(text)}' has a UTC offset beyond ±14:00, the largest there is"
                : $"'{Quote(text)}' is not an ISO 8601 date or timestamp (e.g. 2024-09-28T00:00:00Z, or 2024-09-28; no offset means UTC)";
        }

        return value > latestAllowed ? InTheFuture(value, latestAllowed) : null;
    }

    /// <summary>The reason for a time after <paramref name="latestAllowed"/>.</summary>
    public static string InTheFuture(DateTimeOffset value, DateTimeOffset latestAllowed) =>
        $"{value:O} is in the future (the silo's clock allows up to {latestAllowed:O}; Monitor:Ingest:MaxClockSkew)";

    /// <summary>At most <see cref="MaxQuotedLength"/> characters of <paramref name="text"/>, for an error message.</summary>
    public static string Quote(ReadOnlySpan<char> text) => text.Length <= MaxQuotedLength ? text.ToString() : string.Concat(text[..MaxQuotedLength], "…");

    // A trailing +hh:mm or -hh:mm (or hhmm) that is well-formed but larger than any real offset.
    private static bool HasOffsetOutOfRange(ReadOnlySpan<char> text)
    {
        var sign = text.LastIndexOfAny('+', '-');
        if (sign < 10)
        {
            return false;
        }

        var digits = text[(sign + 1)..].ToString().Replace(":", "", StringComparison.Ordinal);
        return digits.Length == 4 && TryDigits(digits.AsSpan(0, 2), out var hours) && TryDigits(digits.AsSpan(2, 2), out var minutes)
            && (minutes > 59 || hours * 60 + minutes > 14 * 60);
    }

    /// <summary>Parses <paramref name="text"/>; false when it is not a timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        TryParseIso(text, out value)
        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    // False for any text outside the common shape, valid or not: the general parser then decides.
    private static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !TryDigits(s[..4], out var year) || !TryDigits(s[5..7], out var month) || !TryDigits(s[8..10], out var day)
            || !TryDigits(s[11..13], out var hour) || !TryDigits(s[14..16], out var minute) || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        // Years 1 and 9999 can leave DateTimeOffset's range once the offset is applied: the general parser handles them.
        if (year is <= 1 or >= 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = s[19..];
        long fraction = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var digits = rest[1..].IndexOfAnyExceptInRange('0', '9') is var end and >= 0 ? end : rest.Length - 1;
            if (digits is 0 or > 7 || !TryDigits(rest.Slice(1, digits), out var fractionDigits))
            {
                return false;
            }

            fraction = fractionDigits;
            for (var place = digits; place < 7; place++)
            {
                fraction *= 10;
            }

            rest = rest[(digits + 1)..];
        }

        var offset = TimeSpan.Zero;
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            rest = [];
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && TryDigits(rest[1..3], out var offsetHours) && TryDigits(rest[4..6], out var offsetMinutes)
            && offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (rest[0] == '-' ? -1 : 1);
            rest = [];
        }

        if (!rest.IsEmpty)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).Ticks + fraction, offset);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
