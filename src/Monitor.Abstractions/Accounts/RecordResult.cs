using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>What an account did with a batch: how many points were new, duplicates, or rejected (with reasons).</summary>
[GenerateSerializer, Immutable, Alias("monitor.RecordResult")]
public sealed record RecordResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates, [property: Id(2)] IReadOnlyList<RejectedObservation> Rejected)
{
    public static RecordResult Empty { get; } = new(0, 0, []);
}
