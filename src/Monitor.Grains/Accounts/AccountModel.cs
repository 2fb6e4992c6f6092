// TEMPORARY STUB until Monitor.Core lands; the real file is /tmp/AccountModel.real.cs.
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

internal sealed class AccountModel
{
    public static AccountModel Create(string account, AccountProfile profile) => throw new NotSupportedException();

    public static AccountModel Restore(string account, AccountState state) => throw new NotSupportedException();

    public static void ValidateOverrides(DetectorOverrides? overrides) => throw new NotSupportedException();

    public void Reconfigure(AccountProfile profile) => throw new NotSupportedException();

    public AppendOutcome Append(string grainKey, IReadOnlyList<ObservationInput> inputs, DateTimeOffset now) => throw new NotSupportedException();

    public IReadOnlyList<EpisodeEvent> Observe(IReadOnlyList<ObservationRow> added) => throw new NotSupportedException();

    public IReadOnlyList<EpisodeEvent> Replay(ObservationRow row) => throw new NotSupportedException();

    public IReadOnlyList<EpisodeEvent> CheckStall(DateTimeOffset now) => throw new NotSupportedException();

    public byte[] SerializeHistory() => throw new NotSupportedException();

    public byte[] SerializeDetector() => throw new NotSupportedException();

    public IReadOnlyList<AlertView> OpenEpisodes(AccountProfile profile) => throw new NotSupportedException();

    public AccountSummary Summarize(string account, AccountProfile profile) => throw new NotSupportedException();

    public IReadOnlyList<HistoryPoint> Query(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution) => throw new NotSupportedException();
}
