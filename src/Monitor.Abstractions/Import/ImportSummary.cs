namespace Monitor.Abstractions.Import;

/// <summary>
/// What an import did: data rows read, accounts registered from seed rows, and what the grains made of the observations.
/// <see cref="AccountsLinked"/> counts accounts newly linked to an entity by a seed file's entity column.
/// <see cref="Errors"/> lists the first bad rows by line (the silo caps the list at 100); <see cref="Rejected"/> counts all.
/// </summary>
public sealed record ImportSummary(long Rows, int AccountsRegistered, long Accepted, long Duplicates, long Rejected, IReadOnlyList<ImportLineError> Errors, int AccountsLinked = 0);
