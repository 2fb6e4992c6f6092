namespace Monitor.Benchmarks.Runtime;

/// <summary><see cref="Monitor.Abstractions.Accounts.ObservationInput"/>'s fields in a type Orleans must copy.</summary>
[GenerateSerializer, Alias("bench.MutableObservation")]
public sealed class MutableObservation
{
    [Id(0)]
    public string Account { get; set; } = "";

    [Id(1)]
    public DateTimeOffset Timestamp { get; set; }

    [Id(2)]
    public long Followers { get; set; }

    [Id(3)]
    public long? Following { get; set; }

    [Id(4)]
    public long? Posts { get; set; }

    [Id(5)]
    public string? Source { get; set; }
}
