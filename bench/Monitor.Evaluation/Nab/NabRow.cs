namespace Monitor.Evaluation.Nab;

/// <summary>One row of a NAB data file: the timestamp (UTC) and the value measured over the interval ending there.</summary>
internal readonly record struct NabRow(DateTime Timestamp, double Value);
