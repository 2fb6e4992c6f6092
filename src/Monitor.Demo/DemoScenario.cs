using Monitor.Abstractions.Accounts;
using Monitor.Import;

namespace Monitor.Demo;

/// <summary>
/// The demo's accounts and their SYNTHETIC daily histories: from 2019-01-01 to the seed's dates, ending exactly at the
/// seed's reported figures, with a surge of the <c>azerbaijan-official</c> accounts during 27 Sep - 10 Nov 2020.
/// Every generated observation carries the source <see cref="Source"/>.
/// </summary>
public sealed class DemoScenario
{
    /// <summary>The source of every observation the demo generates.</summary>
    public const string Source = "synthetic-demo";

    /// <summary>The group whose members surge during the war window.</summary>
    public const string SurgeGroup = "azerbaijan-official";

    /// <summary>First day of every synthetic history.</summary>
    public static readonly DateOnly HistoryStart = new(2019, 1, 1);

    /// <summary>First day of the synthetic surge (the 44-day war began on 27 September 2020).</summary>
    public static readonly DateOnly SurgeStart = new(2020, 9, 27);

    /// <summary>Last day of the synthetic surge.</summary>
    public static readonly DateOnly SurgeEnd = new(2020, 11, 10);

    /// <summary>The entity (as the seed names it) of the president's accounts.</summary>
    public const string PresidentEntity = "Ilham Aliyev";

    /// <summary>The entity (as the seed names it) of the foreign ministry's accounts.</summary>
    public const string MinistryEntity = "Ministry of Foreign Affairs of Azerbaijan";

    // Seed handles that join the surge group besides the synthetic accounts.
    private static readonly string[] SurgingSeedHandles = ["presidentaz", "AzerbaijanMFA"];

    // Followers at the start of the history, as a share of the end figure.
    private const double StartShare = 0.6;

    // How many times the normal daily growth a surging account gains at the surge's peak.
    private const double SurgePeakMultiple = 12;

    // Day-to-day noise around the baseline growth (a share of the baseline).
    private const double Noise = 0.15;

    private DemoScenario(IReadOnlyList<DemoAccount> accounts)
    {
        Accounts = accounts;
    }

    /// <summary>Every account the demo registers: the seed's, plus clearly labelled synthetic Azerbaijani official accounts.</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; }

    /// <summary>Builds the scenario from seed rows (the seed snapshot CSV).</summary>
    public static DemoScenario FromSeed(IEnumerable<SeedRow> seedRows)
    {
        ArgumentNullException.ThrowIfNull(seedRows);
        var accounts = new List<DemoAccount>();
        DateOnly? lastSeedDay = null;
        foreach (var row in seedRows)
        {
            var surges = SurgingSeedHandles.Contains(row.Handle, StringComparer.OrdinalIgnoreCase);
            var groups = surges ? row.Groups.Append(SurgeGroup).ToList() : row.Groups.ToList();
            // A real account, but the history the demo gives it is invented: tagged so the dashboard marks it synthetic.
            accounts.Add(new DemoAccount(row.AccountKey, new AccountProfile(row.Handle, row.DisplayName, groups, [AccountTags.Synthetic]), row.ObservedOn, row.Followers, row.Posts, surges, row.Entity));
            lastSeedDay = lastSeedDay is null || row.ObservedOn > lastSeedDay ? row.ObservedOn : lastSeedDay;
        }

        var endsOn = lastSeedDay ?? new DateOnly(2024, 10, 1);
        accounts.Add(Synthetic("synthetic_az_parliament", "SYNTHETIC demo account: Parliament of Azerbaijan", endsOn, 48_000, 3_900));
        accounts.Add(Synthetic("synthetic_az_defence", "SYNTHETIC demo account: Ministry of Defence of Azerbaijan", endsOn, 121_000, 6_400));
        accounts.Add(Synthetic("synthetic_az_presidency", "SYNTHETIC demo account: Presidential Administration of Azerbaijan", endsOn, 36_500, 2_100));

        // The Azerbaijani entities' accounts on other platforms, invented so that their surge can be read across platforms.
        accounts.Add(Synthetic("synthetic_aliyev", "SYNTHETIC demo account: Ilham Aliyev on Instagram", endsOn, 420_000, 2_300, "instagram", PresidentEntity));
        accounts.Add(Synthetic("synthetic_aliyev", "SYNTHETIC demo account: Ilham Aliyev on Facebook", endsOn, 1_350_000, 5_100, "facebook", PresidentEntity));
        accounts.Add(Synthetic("synthetic_az_mfa", "SYNTHETIC demo account: MFA of Azerbaijan on Instagram", endsOn, 58_000, 3_100, "instagram", MinistryEntity));
        accounts.Add(Synthetic("synthetic_az_mfa", "SYNTHETIC demo account: MFA of Azerbaijan on Telegram", endsOn, 160_000, 6_800, "telegram", MinistryEntity));
        return new DemoScenario(accounts);
    }

    /// <summary>The number of days of history, across all accounts.</summary>
    public int DayCount => Accounts.Max(account => account.EndsOn.DayNumber) - HistoryStart.DayNumber + 1;

    /// <summary>The synthetic history of every account, one observation per account and day, in day order.</summary>
    public IEnumerable<IReadOnlyList<ObservationInput>> DaysInOrder()
    {
        var histories = Accounts.Select((account, i) => GenerateHistory(account, seed: 2020 + i)).ToList();
        for (var day = HistoryStart; day.DayNumber < HistoryStart.DayNumber + DayCount; day = day.AddDays(1))
        {
            var offset = day.DayNumber - HistoryStart.DayNumber;
            yield return histories.Where(history => offset < history.Count).Select(history => history[offset]).ToList();
        }
    }

    /// <summary>One account's daily observations, ending on <see cref="DemoAccount.EndsOn"/> at exactly its end figures.</summary>
    public static IReadOnlyList<ObservationInput> GenerateHistory(DemoAccount account, int seed)
    {
        ArgumentNullException.ThrowIfNull(account);
        var days = account.EndsOn.DayNumber - HistoryStart.DayNumber + 1;
        var random = new Random(seed);

        // Relative daily gains: a steady baseline with noise, plus a bell-shaped surge for the surging accounts.
        var gains = new double[days];
        for (var d = 1; d < days; d++)
        {
            var gain = 1 + ((random.NextDouble() * 2) - 1) * Noise;
            var date = HistoryStart.AddDays(d);
            if (account.Surges && date >= SurgeStart && date <= SurgeEnd)
            {
                var progress = (date.DayNumber - SurgeStart.DayNumber) / (double)(SurgeEnd.DayNumber - SurgeStart.DayNumber);
                gain += (SurgePeakMultiple - 1) * Math.Sin(Math.PI * progress);
            }

            gains[d] = gain;
        }

        var start = (long)Math.Round(account.EndFollowers * StartShare);
        var scale = (account.EndFollowers - start) / gains.Sum();
        var postsStart = account.EndPosts is { } endPosts ? (long)Math.Round(endPosts * StartShare) : (long?)null;

        var history = new List<ObservationInput>(days);
        var cumulative = 0.0;
        for (var d = 0; d < days; d++)
        {
            cumulative += gains[d];
            var last = d == days - 1;
            var followers = last ? account.EndFollowers : start + (long)Math.Round(cumulative * scale);
            var posts = postsStart is { } p0
                ? last ? account.EndPosts : p0 + (long)Math.Round((account.EndPosts!.Value - p0) * (d / (double)(days - 1)))
                : null;
            var timestamp = new DateTimeOffset(HistoryStart.AddDays(d).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            history.Add(new ObservationInput(account.Key, timestamp, followers, null, posts, Source));
        }

        return history;
    }

    /// <summary>
    /// The entities the demo creates: one per entity the seed names, owning the accounts that name it. The seed's ministries
    /// (group <c>turkic-mfa</c>) are offices, everyone else a person.
    /// </summary>
    public IReadOnlyList<DemoEntity> Entities =>
        Accounts.Where(account => account.Entity is not null)
            .GroupBy(account => account.Entity!, StringComparer.Ordinal)
            .Select(entity => new DemoEntity(
                entity.Key,
                entity.Any(account => account.Profile.Groups!.Contains("turkic-mfa")) ? "office" : "person",
                entity.Select(account => account.Key).ToList()))
            .ToList();

    private static DemoAccount Synthetic(string handle, string displayName, DateOnly endsOn, long followers, long posts, string platform = "x", string? entity = null) =>
        new($"{platform}:@{handle}", new AccountProfile(handle, displayName, [SurgeGroup], [AccountTags.Synthetic]), endsOn, followers, posts, Surges: true, entity);
}
