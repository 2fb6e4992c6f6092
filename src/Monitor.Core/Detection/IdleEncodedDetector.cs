using Monitor.Core.Accounts;
using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// An account's <see cref="AccountDetector"/> that an idle account keeps as its encoded state (<see cref="AccountDetector.SerializeState"/>,
/// about a third of the decoded detector's memory), or not at all once <see cref="ReleaseState"/> drops it (its owner can read
/// it back from where it stored it), and decodes on the next use that needs it: an observation, a late point, a stall check
/// that would open a stall. Summaries (last observation, resolution, open episodes) are answered from a few fields kept
/// beside it, so reading an account does not decode it.
/// </summary>
/// <remarks>
/// Decoding continues exactly where the encoded detector left off (what checkpoints rely on), so going dormant and waking
/// changes no result. A stall check that opens nothing changes no state. Not thread-safe; a grain calls it one turn at a time.
/// </remarks>
public sealed class IdleEncodedDetector
{
    private static readonly AlertEpisode[] NoEpisodes = [];

    private AccountDetector? _live;
    private byte[]? _encoded;
    private DateTimeOffset? _lastObservedAt;
    private CountResolution _resolution;
    private bool _resolutionIsInferred;
    private AlertEpisode[] _openEpisodes = NoEpisodes;
    private TimeSpan? _expectedSilence;

    /// <summary>Holds a decoded detector (a new account, or one just observing).</summary>
    public IdleEncodedDetector(AccountDetector live)
    {
        ArgumentNullException.ThrowIfNull(live);
        _live = live;
        Settings = live.Settings;
    }

    private IdleEncodedDetector(DetectorSettings settings, byte[] encoded, AccountDetector decoded)
    {
        Settings = settings;
        Sleep(encoded, decoded);
    }

    /// <summary>
    /// A dormant detector from its encoded state. It is decoded once here, to check the state and read the summary fields,
    /// then only the bytes are kept; throws <see cref="FormatException"/> when the state is malformed.
    /// </summary>
    public static IdleEncodedDetector FromState(DetectorSettings settings, byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new IdleEncodedDetector(settings, state, AccountDetector.Restore(settings, state));
    }

    /// <summary>The thresholds in force.</summary>
    public DetectorSettings Settings { get; }

    /// <summary>True while the detector is not decoded (its encoded state held, or released).</summary>
    public bool IsDormant => _live is null;

    /// <summary>True when the encoded state was released: <see cref="SupplyState"/> must give it back before the detector is used.</summary>
    public bool IsReleased => _live is null && _encoded is null;

    /// <summary>See <see cref="AccountDetector.LastObservedAt"/>.</summary>
    public DateTimeOffset? LastObservedAt => _live is { } live ? live.LastObservedAt : _lastObservedAt;

    /// <summary>See <see cref="AccountDetector.Resolution"/>.</summary>
    public CountResolution Resolution => _live is { } live ? live.Resolution : _resolution;

    /// <summary>See <see cref="AccountDetector.ResolutionIsInferred"/>.</summary>
    public bool ResolutionIsInferred => _live is { } live ? live.ResolutionIsInferred : _resolutionIsInferred;

    /// <summary>See <see cref="AccountDetector.OpenEpisodes"/>.</summary>
    public IReadOnlyList<AlertEpisode> OpenEpisodes => _live is { } live ? live.OpenEpisodes : _openEpisodes;

    /// <summary>The decoded detector, decoding the encoded state first if dormant; it stays decoded until <see cref="Sleep"/>.</summary>
    public AccountDetector Awake()
    {
        if (_live is null)
        {
            _live = AccountDetector.Restore(Settings, _encoded ?? throw Released());
            _encoded = null;
            _openEpisodes = NoEpisodes;
        }

        return _live;
    }

    /// <summary>Whether <see cref="CheckStall"/> at <paramref name="now"/> needs the detector's state: only to open a stall.</summary>
    public bool StallCheckNeedsState(DateTimeOffset now) =>
        _live is not null
        || (_lastObservedAt is { } last && _expectedSilence is { } expected && now - last > expected && !Array.Exists(_openEpisodes, e => e.Kind == AlertKind.Stall));

    /// <summary>See <see cref="AccountDetector.CheckStall"/>; a dormant detector stays dormant unless a stall opens.</summary>
    public IReadOnlyList<EpisodeChange> CheckStall(DateTimeOffset now)
    {
        if (_live is not null)
        {
            return _live.CheckStall(now);
        }

        if (!StallCheckNeedsState(now))
        {
            return [];
        }

        var decoded = AccountDetector.Restore(Settings, _encoded ?? throw Released());
        var changes = decoded.CheckStall(now);
        if (changes.Count > 0)
        {
            _live = decoded;
            _encoded = null;
            _openEpisodes = NoEpisodes;
        }

        return changes;
    }

    /// <summary>The encoded state: the bytes held while dormant, else the decoded detector serialised.</summary>
    public byte[] SerializeState() => _encoded ?? _live?.SerializeState() ?? throw Released();

    /// <summary>Drops the encoded state of a dormant detector; summaries still read, anything else needs <see cref="SupplyState"/> first.</summary>
    public void ReleaseState()
    {
        if (_live is null)
        {
            _encoded = null;
        }
    }

    /// <summary>Gives a released detector its encoded state back: the bytes <see cref="ReleaseState"/> dropped, as stored.</summary>
    public void SupplyState(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (IsReleased)
        {
            _encoded = encoded;
        }
    }

    /// <summary>
    /// Makes the detector dormant with <paramref name="encoded"/>, which must be <see cref="SerializeState"/> of its current
    /// state (a checkpoint has just written it); the decoded detector is released.
    /// </summary>
    public void Sleep(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (_live is { } live)
        {
            Sleep(encoded, live);
        }
    }

    private void Sleep(byte[] encoded, AccountDetector decoded)
    {
        _encoded = encoded;
        _lastObservedAt = decoded.LastObservedAt;
        _resolution = decoded.Resolution;
        _resolutionIsInferred = decoded.ResolutionIsInferred;
        _expectedSilence = decoded.ExpectedSilence();
        var open = decoded.OpenEpisodes;
        _openEpisodes = open.Count == 0 ? NoEpisodes : [.. open];
        _live = null;
    }

    private static InvalidOperationException Released() =>
        new("The detector's encoded state was released; supply it (SupplyState) before using the detector.");
}
