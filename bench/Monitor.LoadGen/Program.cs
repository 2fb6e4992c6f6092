using System.CommandLine;
using Monitor.LoadGen;

var server = new Option<Uri[]>("--server")
{
    Description = "Base address of a silo under load; repeat it for a cluster (requests go to the silos in turn).",
    Arity = ArgumentArity.OneOrMore,
    DefaultValueFactory = _ => [new Uri("http://127.0.0.1:5080/")],
    CustomParser = result => result.Tokens
        .Select(token => Uri.TryCreate(token.Value, UriKind.Absolute, out var address) ? address : throw new ArgumentException($"--server '{token.Value}' is not an absolute address."))
        .ToArray(),
};
var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 4 };
var duration = new Option<int>("--duration") { Description = "Seconds to post for.", DefaultValueFactory = _ => 20 };
var maxRequests = new Option<int>("--requests") { Description = "Most requests in total (0: until the duration ends).", DefaultValueFactory = _ => 0 };
var batchSize = new Option<int>("--batch-size") { Description = "Observations per request.", DefaultValueFactory = _ => 500 };
var prerender = new Option<int>("--prerender") { Description = "Request bodies to render before the timed window, so the load generator mostly just sends during it (it shares the cores with a silo on the same machine).", DefaultValueFactory = _ => 0 };
var accounts = new Option<int>("--accounts") { Description = "Accounts the observations are spread over.", DefaultValueFactory = _ => 100 };
var alertLatency = new Option<bool>("--alert-latency") { Description = "Measure ingest acknowledgement -> SSE delivery of the alert it causes." };
var alertProbes = new Option<int>("--alert-probes") { Description = "Accounts --alert-latency surges, one after another (one latency each).", DefaultValueFactory = _ => 5 };
var summaries = new Option<bool>("--summary-queries") { Description = "Query account summaries during the ingest and report their latency." };
var copy = new Option<string?>("--copy-baseline") { Description = "PostgreSQL connection string: also time a raw binary COPY of the same rows." };
var apiKey = new Option<string?>("--api-key") { Description = "API key sent as a bearer token (an admin key: the run registers accounts)." };
var generateCsv = new Option<FileInfo?>("--generate-csv") { Description = "Write a generic-format import file of --rows rows over --accounts accounts and exit (no silo needed)." };
var csvRows = new Option<long>("--rows") { Description = "Rows of --generate-csv.", DefaultValueFactory = _ => 10_000_000 };
var accountOrder = new Option<bool>("--account-order") { Description = "--generate-csv writes each account's history in turn (as monitor export does) instead of hour by hour." };
var startDaysAgo = new Option<int>("--start-days-ago") { Description = "Day the synthetic histories start, in days before today (runs on one database need disjoint spans: a re-sent old point is a duplicate, not a new one).", DefaultValueFactory = _ => 10 * 365 };
var registerOnly = new Option<bool>("--register-only") { Description = "Register the --accounts accounts on the silo and exit (before importing a generated file)." };
var registerOneByOne = new Option<bool>("--register-one-by-one") { Description = "Register with one PUT per account (8 in flight) instead of POST /api/accounts/batch (to compare the two)." };
var root = new RootCommand("Posts observation batches to a running Monitor silo and reports obs/s and latencies.")
{
    server, clients, duration, maxRequests, batchSize, accounts, alertLatency, summaries, copy, generateCsv, csvRows, accountOrder, registerOnly, registerOneByOne, apiKey, startDaysAgo, alertProbes, prerender,
};
root.SetAction(async (parseResult, cancellationToken) =>
{
    if (parseResult.GetValue(generateCsv) is { } csv)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CsvGenerator.WriteAsync(csv.FullName, parseResult.GetValue(csvRows), parseResult.GetValue(accounts), parseResult.GetValue(accountOrder),
            new DateTimeOffset(new DateTime(2023, 1, 1), TimeSpan.Zero), cancellationToken);
        Console.WriteLine($"wrote {parseResult.GetValue(csvRows):N0} rows over {parseResult.GetValue(accounts):N0} accounts to {csv.FullName} ({new FileInfo(csv.FullName).Length / 1048576.0:F1} MiB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    var options = new LoadOptions
    {
        Servers = parseResult.GetValue(server)!,
        Clients = parseResult.GetValue(clients),
        Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
        MaxRequests = parseResult.GetValue(maxRequests),
        BatchSize = parseResult.GetValue(batchSize),
        PrerenderBatches = parseResult.GetValue(prerender),
        Accounts = parseResult.GetValue(accounts),
        AlertLatency = parseResult.GetValue(alertLatency),
        AlertProbes = parseResult.GetValue(alertProbes),
        SummaryQueries = parseResult.GetValue(summaries),
        CopyBaseline = parseResult.GetValue(copy),
        RegisterOnly = parseResult.GetValue(registerOnly),
        RegisterOneByOne = parseResult.GetValue(registerOneByOne),
        ApiKey = parseResult.GetValue(apiKey),
        StartDaysAgo = parseResult.GetValue(startDaysAgo),
    };
    return await new LoadRun(options, Console.Out).RunAsync(cancellationToken);
});
return await root.Parse(args).InvokeAsync();
