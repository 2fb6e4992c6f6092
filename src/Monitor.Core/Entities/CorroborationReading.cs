using System.Globalization;

namespace Monitor.Core.Entities;

/// <summary>
/// The cross-platform reading of one alert: of the entity's accounts that have data for the window, how many moved
/// (the alerted one included), and how the alerted account's posts changed. It describes; it does not judge.
/// </summary>
public sealed record CorroborationReading(
    string AlertedAccount,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<AccountReading> Accounts)
{
    /// <summary>Accounts whose followers moved beyond their own baseline in the window.</summary>
    public int Moved => Accounts.Count(reading => reading.Movement == AccountMovement.Moved);

    /// <summary>Accounts with enough data to be read (the denominator).</summary>
    public int Compared => Accounts.Count(reading => reading.Movement != AccountMovement.NoData);

    /// <summary>Accounts without enough data to be read.</summary>
    public int WithoutData => Accounts.Count(reading => reading.Movement == AccountMovement.NoData);

    /// <summary>The alerted account's posts change in the window; null when its platform reports no posts.</summary>
    public long? PostsChange => Accounts.FirstOrDefault(reading => reading.Account == AlertedAccount)?.PostsChange;

    /// <summary>The reading in words, e.g. <c>corroboration: 3 of 3 accounts; posts: +0</c>.</summary>
    public string Summary
    {
        get
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"corroboration: {Moved} of {Compared} accounts");
            if (WithoutData > 0)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" ({WithoutData} without data)");
            }

            return text + "; " + PostsText;
        }
    }

    /// <summary>The alerted account's posts in the window, e.g. <c>posts: +0</c> or <c>posts: unknown</c>.</summary>
    public string PostsText => PostsChange is { } posts
        ? string.Create(CultureInfo.InvariantCulture, $"posts: {posts:+#,0;-#,0;+0}")
        : "posts: unknown";
}
