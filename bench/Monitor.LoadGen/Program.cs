using System.CommandLine;
using Monitor.LoadGen;

var server = new Option<Uri>("--server")
{
    Description = "Base address of the silo under load.",
    DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080/"),
    CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var address) ? address : throw new ArgumentException($"--server '{result.Tokens.Single().Value}' is not an absolute address."),
};
var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 4 };
var duration = new Option<int>("--duration") { Description = "Seconds to post for.", DefaultValueFactory = _ => 20 };
var maxRequests = new Option<int>("--requests") { Description = "Most requests in total (0: until the duration ends).", DefaultValueFactory = _ => 0 };
var batchSize = new Option<int>("--batch-size") { Description = "Observations per request.", DefaultValueFactory = _ => 500 };
var accounts = new Option<int>("--accounts") { Description = "Accounts the observations are spread over.", DefaultValueFactory = _ => 100 };
var alertLatency = new Option<bool>("--alert-latency") { Description = "Measure ingest acknowledgement -> SSE delivery of the alert it causes." };
var summaries = new Option<bool>("--summary-queries") { Description = "Query account summaries during the ingest and report their latency." };
var copy = new Option<string?>("--copy-baseline") { Description = "PostgreSQL connection string: also time a raw binary COPY of the same rows." };
var apiKey = new Option<string?>("--api-key") { Description = "API key sent as a bearer token (an admin key: the run registers accounts)." };
var root = new RootCommand("Posts observation batches to a running Monitor silo and reports obs/s and latencies.")
{
    server, clients, duration, maxRequests, batchSize, accounts, alertLatency, summaries, copy, apiKey,
};
root.SetAction(async (parseResult, cancellationToken) =>
{
    var options = new LoadOptions
    {
        Server = parseResult.GetValue(server)!,
        Clients = parseResult.GetValue(clients),
        Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
        MaxRequests = parseResult.GetValue(maxRequests),
        BatchSize = parseResult.GetValue(batchSize),
        Accounts = parseResult.GetValue(accounts),
        AlertLatency = parseResult.GetValue(alertLatency),
        SummaryQueries = parseResult.GetValue(summaries),
        CopyBaseline = parseResult.GetValue(copy),
        ApiKey = parseResult.GetValue(apiKey),
    };
    return await new LoadRun(options, Console.Out).RunAsync(cancellationToken);
});
return await root.Parse(args).InvokeAsync();
