namespace Monitor.Collectors.Scheduling;

/// <summary>The scheduling rules one platform's poller applies (resolved from <see cref="Hosting.CollectorOptions"/>).</summary>
public sealed record PollerSettings
{
    /// <summary>The defaults, which <see cref="Hosting.CollectorOptions"/> starts from too.</summary>
    public static PollerSettings Defaults { get; } = new();

    /// <summary>How often an account is polled unless its tags or groups say otherwise.</summary>
    public TimeSpan DefaultInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Poll intervals by group; an account in several groups takes the shortest.</summary>
    public IReadOnlyDictionary<string, TimeSpan> GroupIntervals { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Requests allowed per <see cref="BudgetWindow"/> for this platform's credential.</summary>
    public int RequestsPerWindow { get; init; } = 300;

    /// <summary>The sliding window of <see cref="RequestsPerWindow"/>.</summary>
    public TimeSpan BudgetWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed requests in a row that open the circuit.</summary>
    public int FailuresToOpenCircuit { get; init; } = 5;

    /// <summary>Failed requests in a row after which the platform is in an outage (an alert of kind outage).</summary>
    public int FailuresToDeclareOutage { get; init; } = 3;

    /// <summary>How long an open circuit keeps the platform from being called.</summary>
    public TimeSpan CircuitOpenFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first backoff after a failed request; it doubles with each further failure.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest backoff.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Backoffs are multiplied by a random factor in [1 - jitter, 1 + jitter].</summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary>The prefix of a profile tag that sets one account's interval: <c>poll:00:15:00</c>.</summary>
    public const string IntervalTagPrefix = "poll:";
}
