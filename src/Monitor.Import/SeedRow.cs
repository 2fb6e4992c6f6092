using System.Globalization;
using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>
/// One row of the seed format (<c>platform,handle,display_name,groups,observed_on,followers,posts</c>):
/// an account known by its handle, its groups, and its counts on one day.
/// </summary>
public sealed record SeedRow(string Platform, string Handle, string DisplayName, IReadOnlyList<string> Groups, DateOnly ObservedOn, long Followers, long? Posts)
{
    /// <summary>The seed format's header.</summary>
    public const string Header = "platform,handle,display_name,groups,observed_on,followers,posts";

    /// <summary>The key of an account known only by its handle: <c>platform:@handle</c>.</summary>
    public string AccountKey => $"{Platform}:@{Handle}";

    /// <summary>The profile to register the account with.</summary>
    public AccountProfile ToProfile(IReadOnlyList<string>? tags = null) => new(Handle, DisplayName, Groups, tags);

    /// <summary>The row's counts as an observation at midnight UTC of its day.</summary>
    public ObservationInput ToObservation(string source) =>
        new(AccountKey, new DateTimeOffset(ObservedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Followers, null, Posts, source);

    /// <summary>Parses the fields of one data row; throws <see cref="FormatException"/> naming the column and value.</summary>
    public static SeedRow Parse(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != 7)
        {
            throw new FormatException($"expected 7 columns ({Header}), got {fields.Count}");
        }

        var platform = Required(fields[0], "platform").ToLowerInvariant();
        var handle = Required(fields[1], "handle").TrimStart('@');
        var groups = fields[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!DateOnly.TryParseExact(fields[4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var observedOn))
        {
            throw new FormatException($"observed_on '{fields[4]}' is not a date (yyyy-MM-dd)");
        }

        var followers = CsvFields.ParseCount(fields[5], "followers") ?? throw new FormatException("followers is empty");
        return new SeedRow(platform, handle, fields[2], groups, observedOn, followers, CsvFields.ParseCount(fields[6], "posts"));
    }

    private static string Required(string value, string column) =>
        value.Length > 0 ? value : throw new FormatException($"{column} is empty");
}
