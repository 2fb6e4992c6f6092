using Monitor.Runtime;
using Monitor.Runtime.Storage;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// 1,000 grains written by 64 concurrent writers, each owning every 64th grain (one writer per grain, as in the runtime):
/// a writer changes its grain's state and awaits the write before the next; three rounds over all grains per invocation.
/// </summary>
public sealed class GrainWriteWorkload
{
    public const int Grains = 1_000;
    public const int Writers = 64;
    public const int Rounds = 3;
    public const int WritesPerInvoke = Grains * Rounds;

    public GrainWriteWorkload(string keyPrefix)
    {
        Ids = [.. Enumerable.Range(0, Grains).Select(i => new GrainId("account", $"{keyPrefix}:{i}"))];
        States = [.. Enumerable.Range(0, Grains).Select(i => new GrainState<BenchmarkAccountState>(new BenchmarkAccountState
        {
            Handle = $"@account_{i}",
            Followers = 1_000_000 + i,
            History = [.. Enumerable.Range(0, 40).Select(d => 1_000_000L + i - (d * 97L))],
            Checkpoint = [.. Enumerable.Range(0, 400).Select(b => (byte)(b * i))],
        }))];
    }

    public GrainId[] Ids { get; }

    public GrainState<BenchmarkAccountState>[] States { get; }

    /// <summary>Runs <paramref name="rounds"/> writes per grain, <see cref="Writers"/> at a time.</summary>
    public Task RunAsync(Func<int, Task> writeGrain, int rounds = Rounds) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                for (var grain = writer; grain < Grains; grain += Writers)
                {
                    var state = States[grain].State;
                    state.Followers++;
                    state.History[0] = state.Followers;
                    await writeGrain(grain);
                }
            }
        })));
}
