namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// What committed since a hub call read the store, as its commit sees it holding the change log's lock: the alerts the
/// later changes wrote (<see cref="TooMany"/> when more than the check reads), the silences'
/// fingerprint, and how many prunes there have been (<see cref="IAlertStore.GetPrunesAsync"/>).
/// </summary>
public sealed record CommitCheck(IReadOnlyList<ChangedAlert> Changed, bool TooMany, SilenceFingerprint Silences, long Prunes);
