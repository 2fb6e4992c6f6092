using System.Text;
using BenchmarkDotNet.Attributes;
using Monitor.Api;

namespace Monitor.Benchmarks.Ingest;

/// <summary>
/// Cost of reading an ingest body of 5,000 observations over 100 accounts (the load generator's shape), as a JSON array
/// and as NDJSON; the Allocated column is per batch.
/// </summary>
[MemoryDiagnoser]
public class ObservationBatchReaderBenchmarks
{
    private const int Rows = 5_000;
    private const int Accounts = 100;

    private byte[] _jsonArray = [];
    private byte[] _ndjson = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, Rows).Select(i =>
            $$"""{"account":"x:{{1_000_000 + (i % Accounts)}}","timestamp":"{{start.AddHours(i / Accounts):yyyy-MM-ddTHH:mm:ssZ}}","followers":{{400_000 + i}},"following":512,"posts":{{20_000 + (i / 7)}}}""")
            .ToArray();
        _jsonArray = Encoding.UTF8.GetBytes("[" + string.Join(",", lines) + "]");
        _ndjson = Encoding.UTF8.GetBytes(string.Join("\n", lines));
    }

    [Benchmark(Baseline = true)]
    public int Json_array()
    {
        var reader = new ObservationBatchReader(10_000, DateTimeOffset.MaxValue);
        reader.ReadJsonArray(_jsonArray);
        return reader.Valid.Count;
    }

    [Benchmark]
    public int Ndjson()
    {
        var reader = new ObservationBatchReader(10_000, DateTimeOffset.MaxValue);
        reader.ReadNdjson(_ndjson);
        return reader.Valid.Count;
    }
}
