namespace Monitor.Webhooks;

/// <summary>Settings of webhook delivery (<c>Monitor:Webhooks</c>): receivers from settings, retries and grouping defaults.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Webhooks";

    /// <summary>Receivers defined in settings (read-only through the API); more can be added through /api/webhooks.</summary>
    public List<WebhookReceiverDefinition> Receivers { get; set; } = [];

    /// <summary>Attempts of one delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles per attempt, up to BackoffMax, with jitter (half to all of it).</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A new group waits this long for more alerts before its first message (a receiver may override it).</summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Later changes in a group are sent at most this often (a receiver may override it).</summary>
    public TimeSpan GroupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A group with alerts still open is sent again after this long without changes (a receiver may override it).</summary>
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the silo reads new alert changes, forms due messages and looks for due deliveries.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>One HTTP attempt is abandoned (and counted as failed) after this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A claimed delivery is reserved for its silo this long; must exceed RequestTimeout.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most alert changes read from the hub's change log per transaction.</summary>
    public int ChangeBatchSize { get; set; } = 500;

    /// <summary>Most deliveries one silo attempts at once (each to a different receiver).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>
    /// Delivered messages and the outbox rows behind them are kept this long (the delivery history), then pruned;
    /// pending and dead deliveries are kept until they are delivered or retried.
    /// </summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a silo prunes delivered rows older than DeliveredRetention.</summary>
    public TimeSpan PrunePeriod { get; set; } = TimeSpan.FromHours(1);
}
