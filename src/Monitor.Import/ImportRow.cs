using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>A parsed import row waiting to be stored: its line number, the grain its account maps to, and the observation.</summary>
public readonly record struct ImportRow(int Line, string GrainKey, ObservationInput Observation);
