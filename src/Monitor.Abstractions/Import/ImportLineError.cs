namespace Monitor.Abstractions.Import;

/// <summary>A row of an import file that was not stored: its line number, the account it named (if readable), the field at fault and why.</summary>
public sealed record ImportLineError(int Line, string? Account, string Field, string Reason);
