using Monitor.Abstractions.Accounts;

namespace Monitor.Cli.Accounts;

/// <summary>
/// How <c>accounts add|set|unset</c> change a stored profile. The API's PUT replaces a whole profile, so the command line
/// reads the profile first and sends back the stored one with only the asked-for changes.
/// </summary>
public static class ProfileChanges
{
    /// <summary>The fields <c>accounts unset</c> clears.</summary>
    public static readonly string[] Fields = ["handle", "display-name", "groups", "tags"];

    /// <summary>
    /// <c>accounts add</c> on an existing account: the handle and display name given replace the stored ones, the groups
    /// and tags given join the stored ones, and everything not given (the detector overrides among it) stays.
    /// </summary>
    public static AccountProfile Merge(AccountProfile stored, AccountProfile given) => Change(stored, given, Union);

    /// <summary><c>accounts set</c>: each field given replaces the stored one (a list as a whole); the others stay.</summary>
    public static AccountProfile Set(AccountProfile stored, AccountProfile given) => Change(stored, given, (storedList, givenList) => givenList ?? storedList);

    /// <summary><c>accounts unset</c>: clears the named <see cref="Fields"/>; the others stay.</summary>
    public static AccountProfile Unset(AccountProfile stored, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(fields);
        var profile = stored;
        foreach (var field in fields)
        {
            profile = field switch
            {
                "handle" => profile with { Handle = null },
                "display-name" => profile with { DisplayName = null },
                "groups" => profile with { Groups = null },
                "tags" => profile with { Tags = null },
                _ => throw new ArgumentException($"'{field}' is not a profile field: use {string.Join(", ", Fields)}.", nameof(fields)),
            };
        }

        return profile;
    }

    /// <summary>One line describing a profile, for the text output of <c>add</c>, <c>set</c> and <c>unset</c>.</summary>
    public static string Describe(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return $"handle {profile.Handle ?? "-"}, display name {(profile.DisplayName is { } name ? $"'{name}'" : "-")}, " +
            $"groups [{string.Join(", ", profile.Groups ?? [])}], tags [{string.Join(", ", profile.Tags ?? [])}]";
    }

    // The handle and display name given replace the stored ones; the lists combine as combineLists says.
    private static AccountProfile Change(AccountProfile stored, AccountProfile given,
        Func<IReadOnlyList<string>?, IReadOnlyList<string>?, IReadOnlyList<string>?> combineLists)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(given);
        return stored with
        {
            Handle = given.Handle ?? stored.Handle,
            DisplayName = given.DisplayName ?? stored.DisplayName,
            Groups = combineLists(stored.Groups, given.Groups),
            Tags = combineLists(stored.Tags, given.Tags),
        };
    }

    private static IReadOnlyList<string>? Union(IReadOnlyList<string>? stored, IReadOnlyList<string>? given) =>
        given is null ? stored : [.. (stored ?? []).Concat(given).Distinct(StringComparer.Ordinal)];
}
