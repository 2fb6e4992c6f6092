namespace Monitor.Abstractions.Alerts;

/// <summary>The silo's live feed of alert changes, for streams: replays what followed a sequence, then follows new changes.</summary>
public interface IAlertChangeFeed
{
    /// <summary>Changes with a sequence greater than <paramref name="afterSequence"/>, then live ones until cancelled.</summary>
    /// <remarks>Pass <c>null</c> to receive only changes that happen after the call; pass a sequence to resume after it.</remarks>
    IAsyncEnumerable<AlertChange> SubscribeAsync(long? afterSequence, CancellationToken cancellationToken);
}
