using System.Globalization;

namespace Monitor.Silo.Import;

/// <summary>
/// Reads an import file's timestamp column. The usual ISO 8601 shape (<c>2024-05-01T12:00:00Z</c>, with an optional
/// fraction of up to 7 digits and a <c>Z</c>, <c>±hh:mm</c> or no offset) is read directly, several times faster than
/// <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>; anything else goes
/// to that parser, so both accept the same texts and give the same instants. No offset means UTC.
/// </summary>
public static class CsvTimestamp
{
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
