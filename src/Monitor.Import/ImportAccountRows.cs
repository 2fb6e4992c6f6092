using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>One account's rows in an import round: the observations, and the line each came from (same positions).</summary>
internal sealed class ImportAccountRows
{
    public List<ObservationInput> Observations { get; } = [];

    public List<int> Lines { get; } = [];
}
