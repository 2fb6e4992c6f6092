using Microsoft.Extensions.Logging;
using Orleans;

namespace Monitor.Collectors.Scheduling;

/// <summary>
/// Records poll results on the account grains: counts through <see cref="IAccountGrain.RecordAsync"/> (the same path as the
/// HTTP API), then the outcome through <see cref="IAccountGrain.RecordPollOutcomeAsync"/>. An <c>@handle</c> account whose
/// handle was resolved moves, once, to its stable key (profile and history copied, the handle account removed).
/// </summary>
public sealed class GrainPollRecorder(IGrainFactory grains, ILogger<GrainPollRecorder> logger) : IPollRecorder
{
    /// <summary>The source recorded on collected observations: <c>collector:{platform}</c>.</summary>
    public static string SourceOf(string account) => "collector:" + AccountKey.Parse(account).Platform.ToWireName();

    /// <inheritdoc />
    public async Task RecordAsync(PolledAccount account, AccountPollResult result, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(result);
        var key = account.Account;
        if (result.ResolvedId is { Length: > 0 } resolvedId && result.Target.IsUnresolved)
        {
            (key, _) = await ResolveAsync(account, resolvedId, result.Handle).ConfigureAwait(false);
        }

        var grain = grains.GetGrain<IAccountGrain>(key);
        if (result is { Status: PollStatus.Ok, Counts.Followers: { } followers })
        {
            var counts = result.Counts;
            var recorded = await grain.RecordAsync([new ObservationInput(key, at, followers, counts.Following, counts.Posts, SourceOf(key), counts.FollowersResolution?.ToString())]).ConfigureAwait(false);
            foreach (var rejected in recorded.Rejected)
            {
                logger.LogWarning("Collected counts of {Account} rejected: {Field} {Reason}.", key, rejected.Field, rejected.Reason);
            }
        }

        await grain.RecordPollOutcomeAsync(new PollOutcome(at, result.Status, result.Reason, result.Handle, result.Counts?.FollowersPrecision, result.Counts?.Likes)).ConfigureAwait(false);
    }

    private async Task<(string Key, AccountProfile Profile)> ResolveAsync(PolledAccount account, string resolvedId, string? handle)
    {
        var handleKey = AccountKey.Parse(account.Account);
        if (!AccountKey.TryParse($"{handleKey.Platform.ToWireName()}:{resolvedId}", out var stable, out var error))
        {
            logger.LogWarning("{Account} resolved to an id that is not a valid key: {Error}", account.Account, error);
            return (account.Account, account.Profile);
        }

        var key = stable.ToString();
        var target = grains.GetGrain<IAccountGrain>(key);
        var profile = account.Profile with { Handle = handle ?? account.Profile.Handle ?? handleKey.Id.TrimStart('@') };
        if (await target.GetSummaryAsync().ConfigureAwait(false) is { } existing)
        {
            profile = existing.Profile;
        }
        else
        {
            await target.ConfigureAsync(profile).ConfigureAwait(false);
        }

        // The history gathered under the handle (imports) continues under the stable key; re-recording is idempotent.
        var source = grains.GetGrain<IAccountGrain>(account.Account);
        var history = await source.GetHistoryAsync(Monitor.Core.Accounts.Observation.Earliest, DateTimeOffset.UtcNow.AddDays(1), HistoryResolution.Raw).ConfigureAwait(false);
        foreach (var chunk in history.Chunk(1000))
        {
            await target.RecordAsync([.. chunk.Select(point => new ObservationInput(key, point.Timestamp, point.Followers, point.Following, point.Posts, "resolved:" + account.Account))]).ConfigureAwait(false);
        }

        await source.RemoveAsync().ConfigureAwait(false);
        logger.LogInformation("Resolved {Handle} to {Account}; {Points} points moved.", account.Account, key, history.Count);
        return (key, profile);
    }
}
