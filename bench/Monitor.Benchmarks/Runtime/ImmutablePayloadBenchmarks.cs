using BenchmarkDotNet.Attributes;
using Monitor.Abstractions.Accounts;
using Orleans.Concurrency;

namespace Monitor.Benchmarks.Runtime;

/// <summary>
/// What Orleans' deep copy costs a call inside one silo carrying 5,000 observations (a large ingest batch): the list as
/// is (copied), wrapped in <see cref="Immutable{T}"/>, as a parameter marked <c>[Immutable]</c>, and a list of mutable
/// items (list and items copied), against a call without payload. <see cref="Callers"/> callers, one grain each.
/// Setup prints "// copy ..." lines saying whether the grain received the caller's own list.
/// </summary>
[Config(typeof(RuntimeBenchmarkConfig))]
[MemoryDiagnoser]
public class ImmutablePayloadBenchmarks
{
    public const int Items = 5_000;
    public const int CallsPerInvoke = 10_000;

    private BenchSilo _silo = null!;
    private IPayloadGrain[] _grains = null!;
    private List<ObservationInput> _observations = null!;
    private List<MutableObservation> _mutable = null!;

    [Params(1, 4)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvoke, Description = "no payload")]
    public Task Ping() => RunAsync(grain => grain.PingAsync());

    [Benchmark(OperationsPerInvoke = CallsPerInvoke, Description = "IReadOnlyList<ObservationInput> (copied)")]
    public Task AsIs() => RunAsync(grain => grain.TakeAsync(_observations));

    [Benchmark(OperationsPerInvoke = CallsPerInvoke, Description = "Immutable<IReadOnlyList<ObservationInput>>")]
    public Task Wrapped() => RunAsync(grain => grain.TakeImmutableAsync(new Immutable<IReadOnlyList<ObservationInput>>(_observations)));

    [Benchmark(OperationsPerInvoke = CallsPerInvoke, Description = "[Immutable] IReadOnlyList<ObservationInput>")]
    public Task Marked() => RunAsync(grain => grain.TakeMarkedAsync(_observations));

    [Benchmark(OperationsPerInvoke = CallsPerInvoke, Description = "IReadOnlyList<mutable item> (list and items copied)")]
    public Task MutableItems() => RunAsync(grain => grain.TakeMutableAsync(_mutable));

    private async Task SetupAsync()
    {
        _silo = await BenchSilo.StartAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _observations = [.. Enumerable.Range(0, Items).Select(i => new ObservationInput($"x:account-{i % 100}", start.AddHours(i), 1_000_000 + i, 500 + i, 10_000 + i, "bench"))];
        _mutable = [.. _observations.Select(o => new MutableObservation
        {
            Account = o.Account, Timestamp = o.Timestamp, Followers = o.Followers, Following = o.Following, Posts = o.Posts, Source = o.Source,
        })];
        _grains = [.. Enumerable.Range(0, Callers).Select(i => _silo.Factory.GetGrain<IPayloadGrain>(i))];
        await Task.WhenAll(_grains.Select(grain => grain.PingAsync()));

        PayloadGrain.Sent = _observations;
        var grain = _grains[0];
        Console.WriteLine($"// copy: as is received the caller's list: {await grain.TakeAsync(_observations) == 1}");
        Console.WriteLine($"// copy: Immutable<T> received the caller's list: {await grain.TakeImmutableAsync(new(_observations)) == 1}");
        Console.WriteLine($"// copy: [Immutable] parameter received the caller's list: {await grain.TakeMarkedAsync(_observations) == 1}");
        PayloadGrain.Sent = _mutable;
        Console.WriteLine($"// copy: mutable items received the caller's list: {await grain.TakeMutableAsync(_mutable) == 1}");
        PayloadGrain.Sent = null;

        // The silo's first seconds (and the first calls of each method) are slow on a loaded machine, and BenchmarkDotNet's
        // two warm-up iterations of the first benchmark did not cover them: every variant runs for a while first.
        var warmUntil = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < warmUntil)
        {
            await Ping();
            await AsIs();
            await Wrapped();
            await Marked();
        }
    }

    private Task RunAsync(Func<IPayloadGrain, Task<int>> call) =>
        Task.WhenAll(_grains.Select((grain, caller) => Task.Run(async () =>
        {
            for (var i = caller; i < CallsPerInvoke; i += Callers)
            {
                await call(grain).ConfigureAwait(false);
            }
        })));
}
