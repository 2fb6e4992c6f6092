namespace Monitor.Evaluation.Synthetic;

/// <summary>One synthetic account's observations and the events labelled in them; a series with no events must raise no alert.</summary>
internal sealed record FollowerSeries(
    string Name,
    string Scenario,
    Sampling Sampling,
    IReadOnlyList<FollowerPoint> Points,
    IReadOnlyList<LabelledEvent> Events,
    DateTimeOffset End);
