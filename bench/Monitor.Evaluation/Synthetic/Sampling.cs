namespace Monitor.Evaluation.Synthetic;

/// <summary>How often a synthetic account is observed.</summary>
internal enum Sampling
{
    /// <summary>One observation an hour (a few minutes of jitter), as a polling collector gives.</summary>
    Hourly,

    /// <summary>One observation a day at midnight UTC, as a daily snapshot gives.</summary>
    Daily,
}
