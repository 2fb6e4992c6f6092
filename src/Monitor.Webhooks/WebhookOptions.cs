namespace Monitor.Webhooks;

/// <summary>Settings of webhook delivery (<c>Monitor:Webhooks</c>): receivers from settings, retries and grouping defaults.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Webhooks";

    // Receivers defined in settings (read-only through the API); more can be added through /api/webhooks.
    public List<WebhookReceiverDefinition> Receivers { get; set; } = [];

    // Attempts of one delivery before it is dead-lettered.
    public int MaxAttempts { get; set; } = 10;

    // The wait after the first failed attempt; it doubles per attempt, up to BackoffMax, with jitter (half to all of it).
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    // The longest wait between two attempts.
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    // A new group waits this long for more alerts before its first message (a receiver may override it).
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    // Later changes in a group are sent at most this often (a receiver may override it).
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);

    // A group with alerts still open is sent again after this long without changes (a receiver may override it).
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    // How often the silo reads new alert changes, forms due messages and looks for due deliveries.
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    // One HTTP attempt is abandoned (and counted as failed) after this long.
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // A claimed delivery is reserved for its silo this long; must exceed RequestTimeout.
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    // Most alert changes read from the hub's change log per transaction.
    public int ChangeBatchSize { get; set; } = 500;

    // Most deliveries one silo attempts at once (each to a different receiver).
    public int MaxConcurrentDeliveries { get; set; } = 16;

    // Delivered messages and the outbox rows behind them are kept this long (the delivery history), then pruned;
    // pending and dead deliveries are kept until they are delivered or retried.
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    // How often a silo prunes delivered rows older than DeliveredRetention.
    public TimeSpan PrunePeriod { get; set; } = TimeSpan.FromHours(1);
}
