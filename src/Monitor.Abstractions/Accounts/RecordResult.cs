namespace Monitor.Abstractions.Accounts;

/// <summary>What an account did with a batch: how many points were new, duplicates, or rejected (with reasons).</summary>
public sealed record RecordResult(int Accepted, int Duplicates, IReadOnlyList<RejectedObservation> Rejected)
{
    public static RecordResult Empty { get; } = new(0, 0, []);
}
