using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>One data row read from an import file: its line number, the observation, and the seed row it came from (if any).</summary>
public readonly record struct CsvRecord(int Line, ObservationInput Observation, SeedRow? Seed);
