namespace Monitor.Evaluation.Synthetic;

/// <summary>What the synthetic follower suite generates and how it is fed.</summary>
internal sealed class SyntheticOptions
{
    /// <summary>The seed every series is derived from; the same seed gives the same suite.</summary>
    public int Seed { get; set; } = 20200927;

    /// <summary>How many accounts each scenario generates (each in both samplings).</summary>
    public int AccountsPerScenario { get; set; } = 4;

    /// <summary>The first observation of every series (the 44-day war began on 27 September 2020).</summary>
    public DateTimeOffset From { get; set; } = new(2020, 7, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The last observation time of every series.</summary>
    public DateTimeOffset To { get; set; } = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How often the evaluator calls CheckStall between observations, as a grain timer would.</summary>
    public TimeSpan StallCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
