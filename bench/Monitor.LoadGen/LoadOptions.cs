namespace Monitor.LoadGen;

/// <summary>What one load run does.</summary>
public sealed class LoadOptions
{
    // Base addresses of the silos under load; requests go to them in turn (a cluster's silos, or one silo).
    public IReadOnlyList<Uri> Servers { get; set; } = [new("http://127.0.0.1:5080/")];

    // Concurrent clients posting batches.
    public int Clients { get; set; } = 4;

    // How long to post, at most.
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);

    // Most requests to post in total (0: bounded by duration only).
    public int MaxRequests { get; set; }

    // Observations per request.
    public int BatchSize { get; set; } = 500;

    // Request bodies rendered before the timed window (0: each is rendered when posted).
    public int PrerenderBatches { get; set; }

    // Distinct accounts the observations are spread over.
    public int Accounts { get; set; } = 100;

    // Measure the time from an ingest's acknowledgement to the alert's delivery on the SSE stream.
    public bool AlertLatency { get; set; }

    // Probe accounts the alert latency is measured on, one after another.
    public int AlertProbes { get; set; } = 5;

    // Query account summaries while ingesting and report their latency.
    public bool SummaryQueries { get; set; }

    // API key sent as a bearer token on every request (null: none, for a silo in open trial mode).
    public string? ApiKey { get; set; }

    // PostgreSQL connection string for the raw COPY baseline of the same rows (null: skip).
    public string? CopyBaseline { get; set; }

    // The synthetic histories start this many days before today.
    public int StartDaysAgo { get; set; } = 10 * 365;

    // Only register the accounts (for importing a generated file), post nothing.
    public bool RegisterOnly { get; set; }

    // Register with one PUT per account (8 in flight) instead of POST /api/accounts/batch: the comparison's "before".
    public bool RegisterOneByOne { get; set; }
}
