using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>
/// One matcher of a silence, as Alertmanager writes them: <see cref="Name"/> is account, group, platform, kind or
/// severity; <see cref="Operator"/> is <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c> (the regex ones are anchored, whole value).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SilenceMatcher")]
public sealed record SilenceMatcher([property: Id(0)] string Name, [property: Id(1)] string Operator, [property: Id(2)] string Value);
