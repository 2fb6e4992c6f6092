namespace Monitor.Evaluation.Detection;

/// <summary>
/// A named way to create a fresh detector per series; the name is the folder under NAB's results layout. A variant
/// that opens no episodes (a scoring prototype) is scored on NAB only.
/// </summary>
internal sealed record DetectorVariant(string Name, string Description, Func<IScoredDetector> Create, bool OpensEpisodes = true);
