namespace Monitor.Silo.Import;

/// <summary>What an import did: rows read, accounts registered, and what the silo made of the observations.</summary>
public sealed record ImportSummary(int Rows, int AccountsRegistered, int Accepted, int Duplicates, int Rejected);
