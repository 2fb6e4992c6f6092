namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// The labelled follower scenarios, generated deterministically from a seed: a war-like surge, single-day spikes, a bot
/// purge, a collection stall, and quiet ones (organic growth, tiny accounts, counts rounded to 3 or 2 significant figures)
/// where any alert is a false positive; and a jump and a surge on counts rounded to 3 significant figures.
/// </summary>
internal static class SyntheticSuite
{
    /// <summary>A 400k account during the 44-day war (27 Sep - 10 Nov 2020), growing about 300 a day before it.</summary>
    public const string WarSurge = "war-surge";

    /// <summary>Three single-day spikes of 10-30 days' worth of followers.</summary>
    public const string Spikes = "spikes";

    /// <summary>A bot purge: 3-8% of the followers lost in a few hours.</summary>
    public const string BotPurge = "bot-purge";

    /// <summary>Three days with no data.</summary>
    public const string CollectionStall = "stall";

    /// <summary>Slow organic growth with a trend, weekly rhythm and noise, and no events.</summary>
    public const string Organic = "organic";

    /// <summary>Accounts of 40-1,000 followers where nothing should fire.</summary>
    public const string Tiny = "tiny";

    /// <summary>Organic growth of a YouTube-like channel whose counts are rounded down to 3 significant figures: nothing should fire.</summary>
    public const string RoundedQuiet = "rounded-quiet";

    /// <summary>Organic growth of a 1-9M account shown as "1.2M" (2 significant figures): nothing should fire.</summary>
    public const string RoundedCompact = "rounded-compact";

    /// <summary>A channel rounded to 3 significant figures that gains 10% of its followers in a three-hour burst.</summary>
    public const string RoundedJump = "rounded-jump";

    /// <summary>The war surge on a channel rounded to 3 significant figures.</summary>
    public const string RoundedSurge = "rounded-surge";

    /// <summary>Overlapping events: a bot purge of 3-8% in the middle of a war surge; both should be reported.</summary>
    public const string SurgeAndPurge = "surge-and-purge";

    /// <summary>Five days without data, then collection resumes: the catch-up interval is not a spike.</summary>
    public const string Gap = "gap";

    /// <summary>
    /// A lasting change of growth regime: the organic rate triples to quintuples for good. One surge is expected, labelled
    /// for 21 days from the change: the new rate must be learnt by then (an episode opening later is a false positive).
    /// </summary>
    public const string RegimeChange = "regime-change";

    /// <summary>A 80-120M account (a head of state on X) gaining 20-100k a day, with one spike of 10-30 days' growth.</summary>
    public const string Huge = "huge";

    /// <summary>Accounts of 5-99 followers gaining at most one a day: nothing should fire.</summary>
    public const string Micro = "micro";

    /// <summary>Every scenario, in report order (new ones are appended, so earlier scenarios keep their random streams).</summary>
    public static IReadOnlyList<string> Scenarios { get; } =
        [WarSurge, Spikes, BotPurge, CollectionStall, Organic, Tiny, RoundedQuiet, RoundedCompact, RoundedJump, RoundedSurge, SurgeAndPurge, Gap, RegimeChange, Huge, Micro];

    /// <summary>The scenarios whose series carry no events.</summary>
    public static IReadOnlyList<string> QuietScenarios { get; } = [Organic, Tiny, RoundedQuiet, RoundedCompact, Micro];

    private static readonly DateTimeOffset _warStart = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _warEnd = new(2020, 11, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates every scenario's accounts, each in hourly and daily sampling with the same parameters and events.</summary>
    public static IReadOnlyList<FollowerSeries> Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AccountsPerScenario);
        if (options.From + TimeSpan.FromDays(120) > options.To)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.To, "The suite needs at least 120 days between From and To.");
        }

        var series = new List<FollowerSeries>();
        for (var scenario = 0; scenario < Scenarios.Count; scenario++)
        {
            for (var account = 0; account < options.AccountsPerScenario; account++)
            {
                foreach (var sampling in new[] { Sampling.Hourly, Sampling.Daily })
                {
                    // Parameters and events come from one stream per account, so both samplings see the same account;
                    // the noise comes from a second stream per sampling.
                    var parameters = new Random(unchecked((options.Seed * 7919) + (scenario * 1009) + account));
                    var noise = new Random(unchecked((options.Seed * 104729) + (scenario * 1009) + (account * 2) + (int)sampling));
                    var name = $"{Scenarios[scenario]}-{account + 1}-{sampling.ToString().ToLowerInvariant()}";
                    var builder = new FollowerSeriesBuilder(name, Scenarios[scenario], options.From, options.To, sampling);
                    Describe(Scenarios[scenario], builder, parameters, options);
                    series.Add(builder.Build(noise));
                }
            }
        }

        return series;
    }

    private static void Describe(string scenario, FollowerSeriesBuilder builder, Random random, SyntheticOptions options)
    {
        var days = (int)(options.To - options.From).TotalDays;
        switch (scenario)
        {
            case WarSurge or RoundedSurge:
                Growing(builder, random, (350_000, 450_000), (250, 350));
                var warStart = _warStart >= options.From && _warEnd <= options.To ? _warStart : options.From.AddDays(days / 2);
                builder.WithSurge(warStart, warStart + (_warEnd - _warStart), Uniform(random, 2_500, 6_000));
                RoundIf(scenario == RoundedSurge, builder, 3);
                break;
            case Spikes:
                var rate = Uniform(random, 100, 1_000);
                builder.StartingAt(Whole(random, 50_000, 500_000))
                    .GrowingPerDay(rate)
                    .WithWeeklyRhythm(Uniform(random, 0.7, 0.9))
                    .WithNoise(Uniform(random, 0.2, 0.35));

                // Three spikes after a month of history, at least three weeks apart.
                var third = (days - 30) / 3;
                for (var i = 0; i < 3; i++)
                {
                    var day = 30 + (i * third) + (int)Whole(random, 0, third - 21);
                    builder.WithSpike(options.From.AddDays(day).AddHours(Uniform(random, 6, 18)), rate * Uniform(random, 10, 30));
                }

                break;
            case BotPurge:
                Growing(builder, random, (200_000, 2_000_000), (100, 1_000))
                    .WithDrop(options.From.AddDays((int)Whole(random, 45, days - 30)).AddHours(Uniform(random, 6, 18)), Uniform(random, 0.03, 0.08));
                break;
            case CollectionStall:
                Growing(builder, random, (100_000, 1_000_000), (100, 1_000))
                    .WithStall(options.From.AddDays((int)Whole(random, 30, days - 30)), TimeSpan.FromDays(3));
                break;
            case Organic:
                builder.StartingAt(Whole(random, 50_000, 2_000_000))
                    .GrowingPerDay(Uniform(random, 50, 2_000), Uniform(random, 0.7, 1.5))
                    .WithWeeklyRhythm(Uniform(random, 0.6, 0.9))
                    .WithNoise(Uniform(random, 0.3, 0.5));
                break;
            case Tiny:
                builder.StartingAt(Whole(random, 40, 1_000))
                    .GrowingPerDay(Uniform(random, 0.0, 3.0))
                    .WithWeeklyRhythm(Uniform(random, 0.6, 1.0))
                    .WithNoise(Uniform(random, 0.3, 0.6));
                break;
            case RoundedQuiet:
                builder.StartingAt(Whole(random, 50_000, 2_000_000))
                    .GrowingPerDay(Uniform(random, 50, 2_000), Uniform(random, 0.7, 1.5))
                    .WithWeeklyRhythm(Uniform(random, 0.6, 0.9))
                    .WithNoise(Uniform(random, 0.3, 0.5))
                    .RoundedDownTo(3);
                break;
            case RoundedCompact:
                builder.StartingAt(Whole(random, 1_000_000, 9_000_000))
                    .GrowingPerDay(Uniform(random, 500, 5_000), Uniform(random, 0.7, 1.5))
                    .WithWeeklyRhythm(Uniform(random, 0.6, 0.9))
                    .WithNoise(Uniform(random, 0.3, 0.5))
                    .RoundedDownTo(2);
                break;
            case RoundedJump:
                var followers = Whole(random, 50_000, 900_000);
                builder.StartingAt(followers)
                    .GrowingPerDay(Uniform(random, 100, 1_000))
                    .WithWeeklyRhythm(Uniform(random, 0.7, 0.9))
                    .WithNoise(Uniform(random, 0.2, 0.35))
                    .WithSpike(options.From.AddDays((int)Whole(random, 45, days - 30)).AddHours(Uniform(random, 6, 18)), followers * 0.1)
                    .RoundedDownTo(3);
                break;
            case SurgeAndPurge:
                Growing(builder, random, (350_000, 450_000), (250, 350));
                var surgeStart = options.From.AddDays(days / 2);
                builder.WithSurge(surgeStart, surgeStart + (_warEnd - _warStart), Uniform(random, 2_500, 6_000))
                    .WithDrop(surgeStart.AddDays((int)Whole(random, 10, 30)).AddHours(Uniform(random, 6, 18)), Uniform(random, 0.03, 0.08));
                break;
            case Gap:
                Growing(builder, random, (100_000, 1_000_000), (100, 1_000))
                    .WithStall(options.From.AddDays((int)Whole(random, 30, days - 30)), TimeSpan.FromDays(5));
                break;
            case RegimeChange:
                Growing(builder, random, (100_000, 1_000_000), (100, 1_000))
                    .WithRateChange(options.From.AddDays((int)Whole(random, 45, days - 60)), Uniform(random, 3, 5), TimeSpan.FromDays(21));
                break;
            case Huge:
                var hugeRate = Uniform(random, 20_000, 100_000);
                builder.StartingAt(Whole(random, 80_000_000, 120_000_000))
                    .GrowingPerDay(hugeRate)
                    .WithWeeklyRhythm(Uniform(random, 0.7, 0.9))
                    .WithNoise(Uniform(random, 0.2, 0.35))
                    .WithSpike(options.From.AddDays((int)Whole(random, 45, days - 30)).AddHours(Uniform(random, 6, 18)), hugeRate * Uniform(random, 10, 30));
                break;
            case Micro:
                builder.StartingAt(Whole(random, 5, 99))
                    .GrowingPerDay(Uniform(random, 0.0, 1.0))
                    .WithWeeklyRhythm(Uniform(random, 0.6, 1.0))
                    .WithNoise(Uniform(random, 0.3, 0.6));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario.");
        }
    }

    // The common account of the event scenarios: followers and daily gain drawn from the ranges (in that order), a weekend
    // factor of 0.7-0.9 and noise of 20-35% of the gain.
    private static FollowerSeriesBuilder Growing(FollowerSeriesBuilder builder, Random random, (long Low, long High) followers, (double Low, double High) perDay) =>
        builder.StartingAt(Whole(random, followers.Low, followers.High))
            .GrowingPerDay(Uniform(random, perDay.Low, perDay.High))
            .WithWeeklyRhythm(Uniform(random, 0.7, 0.9))
            .WithNoise(Uniform(random, 0.2, 0.35));

    private static void RoundIf(bool rounded, FollowerSeriesBuilder builder, int significantFigures)
    {
        if (rounded)
        {
            builder.RoundedDownTo(significantFigures);
        }
    }

    private static double Uniform(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    private static long Whole(Random random, long low, long high) => random.NextInt64(low, high + 1);
}
