namespace Monitor.Abstractions.Accounts;

/// <summary>The resolution a history query is answered at.</summary>
public enum HistoryResolution
{
    Raw,
    Hour,
    Day,
}
