namespace Monitor.Abstractions.Alerts;

/// <summary>An episode change published by an account grain: <see cref="Change"/> is opened, updated or resolved.</summary>
public sealed record EpisodeEvent(string Change, AlertView Episode);
