namespace Monitor.Silo.Import;

/// <summary>
/// What an import did: data rows read, accounts registered from seed rows, and what the grains made of the observations.
/// <see cref="Errors"/> lists the first <see cref="ObservationImporter.MaxListedErrors"/> bad rows by line; <see cref="Rejected"/> counts all.
/// </summary>
public sealed record ImportSummary(long Rows, int AccountsRegistered, long Accepted, long Duplicates, long Rejected, IReadOnlyList<ImportLineError> Errors);
