using Monitor.Core.Accounts;
using Monitor.Core.Alerts;

namespace Monitor.Core.Detection;

/// <summary>
/// An account's <see cref="AccountDetector"/> that an idle account keeps as its encoded state (<see cref="AccountDetector.SerializeState"/>,
/// about a third of the decoded detector's memory) and decodes on the next use that needs it: an observation, a late point,
/// a stall check. Summaries (last observation, resolution, open episodes) are answered from a few fields kept beside the
/// encoded state, so reading an account does not decode it.
/// </summary>
/// <remarks>
/// Decoding continues exactly where the encoded detector left off (what checkpoints rely on), so going dormant and waking
/// changes no result. A stall check that opens nothing changes no state: the encoded form is kept and the decoded copy
/// dropped again. Not thread-safe; a grain calls it one turn at a time.
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

    /// <summary>True while only the encoded state is held.</summary>
    public bool IsDormant => _live is null;

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
            _live = AccountDetector.Restore(Settings, _encoded);
            _encoded = null;
            _openEpisodes = NoEpisodes;
        }

        return _live;
    }

    /// <summary>See <see cref="AccountDetector.CheckStall"/>; a dormant detector stays dormant unless a stall opens.</summary>
    public IReadOnlyList<EpisodeChange> CheckStall(DateTimeOffset now)
    {
        if (_live is not null)
        {
            return _live.CheckStall(now);
        }

        var decoded = AccountDetector.Restore(Settings, _encoded);
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
    public byte[] SerializeState() => _encoded ?? _live!.SerializeState();

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
        var open = decoded.OpenEpisodes;
        _openEpisodes = open.Count == 0 ? NoEpisodes : [.. open];
        _live = null;
    }
}
