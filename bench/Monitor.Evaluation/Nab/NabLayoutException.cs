namespace Monitor.Evaluation.Nab;

/// <summary>The NAB folder is missing or does not have NAB's layout (data/, labels/combined_windows.json, config/profiles.json).</summary>
internal sealed class NabLayoutException(string message) : Exception(message);
