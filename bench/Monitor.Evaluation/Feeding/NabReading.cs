namespace Monitor.Evaluation.Feeding;

/// <summary>What a NAB value is taken to be when it becomes the counter the detector is fed.</summary>
internal enum NabReading
{
    /// <summary>The reading at its timestamp (<see cref="GaugeFeed"/>): what every NAB series is, sampled or binned.</summary>
    Gauge,

    /// <summary>The gain of a counter since the row before (<see cref="CumulativeFeed"/>), as follower counts arrive.</summary>
    Gains,
}
