using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;

namespace Monitor.Import;

/// <summary>
/// One row of the seed format (<c>platform,handle,display_name,groups,observed_on,followers,posts</c>, optionally
/// <c>,entity</c>): an account known by its handle, its groups, its counts on one day, and the name of the entity (person
/// or office) that owns it.
/// </summary>
public sealed record SeedRow(string Platform, string Handle, string DisplayName, IReadOnlyList<string> Groups, DateOnly ObservedOn, long Followers, long? Posts, string? Entity = null)
{
    /// <summary>The seed format's header.</summary>
    public const string Header = "platform,handle,display_name,groups,observed_on,followers,posts";

    /// <summary>The seed format's header with the entity column.</summary>
    public const string EntityHeader = Header + ",entity";

    /// <summary>The key of an account known only by its handle: <c>platform:@handle</c>.</summary>
    public string AccountKey => $"{Platform}:@{Handle}";

    /// <summary>The profile to register the account with.</summary>
    public AccountProfile ToProfile(IReadOnlyList<string>? tags = null) => new(Handle, DisplayName, Groups, tags);

    /// <summary>The row's counts as an observation at midnight UTC of its day.</summary>
    public ObservationInput ToObservation(string source) =>
        new(AccountKey, new DateTimeOffset(ObservedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Followers, null, Posts, source);

    /// <summary>Parses the fields of one data row; throws <see cref="FormatException"/> naming the column and value.</summary>
    public static SeedRow Parse(IReadOnlyList<string> fields, bool entityColumn = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var expected = entityColumn ? 8 : 7;
        if (fields.Count != expected)
        {
            throw new FormatException($"expected {expected} columns ({(entityColumn ? EntityHeader : Header)}), got {fields.Count}");
        }

        var entity = entityColumn && fields[7].Trim() is { Length: > 0 } named ? named : null;
        if (entity is not null && (entity.Length > EntityLimits.MaxNameLength || !entity.Any(char.IsLetterOrDigit)))
        {
            throw new FormatException($"entity '{entity}' must have a letter or digit and at most {EntityLimits.MaxNameLength} characters");
        }

        var platform = Required(fields[0], "platform").ToLowerInvariant();
        var handle = Required(fields[1], "handle").TrimStart('@');
        var groups = fields[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!DateOnly.TryParseExact(fields[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var observedOn))
        {
            throw new FormatException($"observed_on '{fields[4]}' is not a date (yyyy-MM-dd)");
        }

        var followers = CsvFields.ParseCount(fields[5], "followers") ?? throw new FormatException("followers is empty");
        return new SeedRow(platform, handle, fields[2], groups, observedOn, followers, CsvFields.ParseCount(fields[6], "posts"), entity);
    }

    private static string Required(string value, string column) =>
        value.Length > 0 ? value : throw new FormatException($"{column} is empty");
}
