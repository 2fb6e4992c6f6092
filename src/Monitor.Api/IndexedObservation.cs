using Monitor.Abstractions.Accounts;

namespace Monitor.Api;

/// <summary>An observation that passed the request-shape checks, with its position in the batch and the key of the grain it goes to.</summary>
public readonly record struct IndexedObservation(int Index, string GrainKey, ObservationInput Observation);
