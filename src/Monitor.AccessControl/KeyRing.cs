using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Monitor.AccessControl;

/// <summary>
/// The silo's API keys: verifies presented keys (from memory for <see cref="AccessControlOptions.KeyCacheDuration"/>),
/// creates and revokes them, and knows whether the silo runs open (loopback only and no key has ever existed).
/// </summary>
public sealed class KeyRing
{
    private readonly ApiKeyStore _store;
    private readonly TimeProvider _time;
    private readonly AccessControlOptions _options;
    /// <summary>The name the bootstrap admin key is stored under.</summary>
    public const string BootstrapKeyName = "bootstrap (Monitor:Security:BootstrapAdminKey)";

    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);
    private volatile OpenState? _open;

    /// <summary>Creates the ring over <paramref name="store"/>; <paramref name="loopbackOnly"/> says where the silo listens.</summary>
    public KeyRing(ApiKeyStore store, TimeProvider time, IOptions<AccessControlOptions> options, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _options = options.Value;
        LoopbackOnly = loopbackOnly;
    }

    /// <summary>True when the silo listens on loopback addresses only.</summary>
    public bool LoopbackOnly { get; }

    /// <summary>
    /// True while the silo runs open: loopback only, open trial allowed, and no key has ever existed. Once a key has been
    /// stored (even if it was revoked or expired since) the silo never runs open again.
    /// </summary>
    public async ValueTask<bool> IsOpenAsync(CancellationToken cancellationToken)
    {
        if (!LoopbackOnly || !_options.AllowOpenTrial)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var state = _open;
        if (state is not null && (!state.Open || now - state.CheckedAt < _options.OpenModeRecheckInterval))
        {
            return state.Open;
        }

        var open = !await _store.HasEverHadKeyAsync(cancellationToken).ConfigureAwait(false);
        _open = new OpenState(open, now);
        return open;
    }

    /// <summary>True while no key has ever existed: the next key must then be an admin key.</summary>
    public async Task<bool> IsFirstKeyAsync(CancellationToken cancellationToken) =>
        !await _store.HasEverHadKeyAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Active keys with role admin (the silo refuses to listen beyond loopback without one).</summary>
    public async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var keys = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        return keys.Count(key => key.Role == ApiKeyRoles.Admin && key.IsActive(now));
    }

    /// <summary>Checks a presented key; the record is returned for <see cref="KeyCheck.Valid"/> (and for revoked or expired keys).</summary>
    public async Task<(KeyCheck Check, ApiKeyRecord? Key)> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(presented, out var id, out _))
        {
            return (KeyCheck.Unknown, null);
        }

        var now = _time.GetUtcNow();
        ApiKeyRecord? key;
        if (_cache.TryGetValue(id, out var cached) && now - cached.LoadedAt < _options.KeyCacheDuration)
        {
            key = cached.Key;
        }
        else
        {
            key = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                _cache.TryRemove(id, out _);
                return (KeyCheck.Unknown, null);
            }

            _cache[id] = new CachedKey(key, now);
        }

        if (!ApiKeySecret.Matches(presented, key.SecretHash))
        {
            return (KeyCheck.Unknown, null);
        }

        if (key.RevokedAt is not null)
        {
            return (KeyCheck.Revoked, key);
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return (KeyCheck.Expired, key);
        }

        if (key.LastUsedAt is not { } used || now - used >= _options.LastUsedResolution)
        {
            key = key with { LastUsedAt = now };
            _cache[id] = new CachedKey(key, _cache.TryGetValue(id, out var current) ? current.LoadedAt : now);
            await _store.TouchAsync(id, now, cancellationToken).ConfigureAwait(false);
        }

        return (KeyCheck.Valid, key);
    }

    /// <summary>Why a first key of another role is refused.</summary>
    public const string FirstKeyMustBeAdmin =
        "must be admin for the first key: creating it ends open trial mode, and without an admin key nobody could manage keys";

    /// <summary>Creates a key; the returned text is the only copy of its secret. The first key ever must be an admin key.</summary>
    public async Task<CreatedApiKey> CreateAsync(string role, string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (!ApiKeyRoles.IsValid(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, $"Role must be {string.Join(", ", ApiKeyRoles.All)}.");
        }

        if (role != ApiKeyRoles.Admin && await IsFirstKeyAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException($"The role {FirstKeyMustBeAdmin}.", nameof(role));
        }

        var (id, text) = ApiKeySecret.Generate();
        var record = new ApiKeyRecord(id, name, role, ApiKeySecret.Hash(text), _time.GetUtcNow(), expiresAt, null, null);
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        _open = new OpenState(false, _time.GetUtcNow());
        return new CreatedApiKey(text, record.ToView());
    }

    /// <summary>
    /// Stores <see cref="AccessControlOptions.BootstrapAdminKey"/> as an admin key unless its id is stored already (so a
    /// revoked bootstrap key stays revoked); returns the key when this call stored it. Silos starting together may race:
    /// one insert wins and the others find it.
    /// </summary>
    public async Task<ApiKeyView?> EnsureBootstrapAdminAsync(CancellationToken cancellationToken)
    {
        var text = _options.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!ApiKeySecret.IsWellFormed(text, out var id))
        {
            throw new InvalidOperationException(
                $"{AccessControlOptions.SectionName}:{nameof(AccessControlOptions.BootstrapAdminKey)} is not a key in the format " +
                "mon_<16 lower-case hex digits>_<43 base64url characters> (docs/operations.md shows how to generate one).");
        }

        var hash = ApiKeySecret.Hash(text);
        var existing = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var record = new ApiKeyRecord(id, BootstrapKeyName, ApiKeyRoles.Admin, hash, _time.GetUtcNow(), null, null, null);
            try
            {
                await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
                _open = new OpenState(false, _time.GetUtcNow());
                return record.ToView();
            }
            catch (DbException)
            {
                // Another silo stored it first (primary key); anything else is still an error.
                existing = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        if (!ApiKeySecret.Matches(text, existing.SecretHash))
        {
            throw new InvalidOperationException(
                $"{AccessControlOptions.SectionName}:{nameof(AccessControlOptions.BootstrapAdminKey)} has the id of stored key {id} but another secret.");
        }

        return null;
    }

    /// <summary>Every key (no secrets).</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken) =>
        (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(key => key.ToView()).ToList();

    /// <summary>
    /// Revokes a key at once in this silo. The last active admin key is kept (<see cref="KeyRevocation.LastAdmin"/>) unless
    /// <paramref name="force"/> (the offline command line): without it nobody could manage keys, and the silo does not
    /// fall back to open mode. Revoking a revoked key again changes nothing and reports it revoked.
    /// </summary>
    public async Task<(KeyRevocation Outcome, ApiKeyView? Key)> RevokeAsync(string id, bool force, CancellationToken cancellationToken)
    {
        var revoked = await _store.RevokeAsync(id, _time.GetUtcNow(), force, cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(id, out _);
        var key = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return (KeyRevocation.NotFound, null);
        }

        return (revoked || key.RevokedAt is not null ? KeyRevocation.Revoked : KeyRevocation.LastAdmin, key.ToView());
    }

    private sealed record CachedKey(ApiKeyRecord Key, DateTimeOffset LoadedAt);

    private sealed record OpenState(bool Open, DateTimeOffset CheckedAt);
}
