using System.Diagnostics.CodeAnalysis;
using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>The bounds of <see cref="AccountProfileLimits"/>, checked before a profile is stored (API and import alike).</summary>
public static class AccountProfileRule
{
    /// <summary>False with the field, a short form of its value and the broken bound when <paramref name="profile"/> is too large.</summary>
    public static bool TryValidate(AccountProfile profile, [NotNullWhen(false)] out string? field, out string? value, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(profile);
        (field, value, reason) = Check(profile) ?? (null!, null, null!);
        return field is null;
    }

    private static (string Field, string? Value, string Reason)? Check(AccountProfile profile)
    {
        if (profile.Handle is { Length: > AccountProfileLimits.MaxHandleLength } handle)
        {
            return ("handle", handle, $"must be at most {AccountProfileLimits.MaxHandleLength} characters, got {handle.Length}");
        }

        if (profile.DisplayName is { Length: > AccountProfileLimits.MaxDisplayNameLength } name)
        {
            return ("displayName", name, $"must be at most {AccountProfileLimits.MaxDisplayNameLength} characters, got {name.Length}");
        }

        return CheckList("groups", profile.Groups) ?? CheckList("tags", profile.Tags);
    }

    private static (string Field, string? Value, string Reason)? CheckList(string field, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Count > AccountProfileLimits.MaxListCount)
        {
            return (field, $"{names.Count} entries", $"must hold at most {AccountProfileLimits.MaxListCount} entries, got {names.Count}");
        }

        return names.FirstOrDefault(name => name is null || name.Length > AccountProfileLimits.MaxNameLength) is { } tooLong
            ? (field, tooLong, $"must each be at most {AccountProfileLimits.MaxNameLength} characters, got {tooLong.Length}")
            : names.Any(name => name is null) ? (field, null, "must not hold null") : null;
    }
}
