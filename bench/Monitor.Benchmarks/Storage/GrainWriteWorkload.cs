namespace Monitor.Benchmarks.Storage;

/// <summary>
/// 1,000 grains written by 64 concurrent writers, each owning every 64th grain (one writer per grain, as in a silo):
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
        Ids = [.. Enumerable.Range(0, Grains).Select(i => GrainId.Create("account", $"{keyPrefix}:{i}"))];
        States = [.. Enumerable.Range(0, Grains).Select(i => new GrainState<BenchmarkAccountState>(BenchmarkAccountState.Create(i)))];
    }

    public GrainId[] Ids { get; }

    public GrainState<BenchmarkAccountState>[] States { get; }

    /// <summary>Runs <paramref name="rounds"/> writes per grain, <see cref="Writers"/> at a time; a write is change + <paramref name="writeGrain"/>.</summary>
    public Task RunAsync(Func<int, Task> writeGrain, int rounds = Rounds) =>
        Run(grain =>
        {
            States[grain].State!.Advance();
            return writeGrain(grain);
        }, rounds);

    /// <summary>The writers' schedule alone: <paramref name="call"/> once per grain per round, <see cref="Writers"/> at a time.</summary>
    public static Task Run(Func<int, Task> call, int rounds = Rounds) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                for (var grain = writer; grain < Grains; grain += Writers)
                {
                    await call(grain).ConfigureAwait(false);
                }
            }
        })));
}
