using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>The resolution a history query is answered at.</summary>
[GenerateSerializer, Alias("monitor.HistoryResolution")]
public enum HistoryResolution
{
    Raw,
    Hour,
    Day,
}
