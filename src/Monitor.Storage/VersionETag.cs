using System.Globalization;

namespace Monitor.Storage;

/// <summary>ETags of the SQL providers and the in-memory ones: the row's version number as invariant text.</summary>
internal static class VersionETag
{
    // Versions are positive, so an ETag that does not parse can never match a stored row.
    public const long NoMatch = -1;

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static string? Format(long? version) => version is { } value ? Format(value) : null;

    /// <summary>Null for a null ETag, the version it names, or <see cref="NoMatch"/> when it is not one of ours.</summary>
    public static long? Parse(string? eTag)
    {
        if (eTag is null)
        {
            return null;
        }

        return long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : NoMatch;
    }
}
