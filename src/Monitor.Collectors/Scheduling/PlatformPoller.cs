using System.Globalization;
using Microsoft.Extensions.Logging;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Telemetry;
using Monitor.Core.Collection;
using Monitor.Core.Retries;

namespace Monitor.Collectors.Scheduling;

/// <summary>
/// One scheduler tick of one platform: takes the accounts that are due (oldest first), batches them to the client's batch
/// size, and sends requests while the budget, the platform's rate-limit headers, the backoff and the circuit allow. A 429
/// pauses the platform exactly until the time its headers name; a failed request backs off with jitter and, repeated,
/// opens the circuit. Everything it learns goes into <see cref="PlatformScheduleState"/>, which the caller persists.
/// </summary>
public sealed class PlatformPoller(
    IPlatformClient client,
    PollerSettings settings,
    IPolledAccounts accounts,
    IPollRecorder recorder,
    TimeProvider time,
    CollectorInstruments? instruments = null,
    ILogger? logger = null,
    Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The platform polled.</summary>
    public Platform Platform => client.Platform;

    /// <summary>Runs one tick against <paramref name="state"/>.</summary>
    public async Task<PollTickReport> TickAsync(PlatformScheduleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var platform = client.Platform.ToWireName();
        var now = time.GetUtcNow();
        var known = new List<PolledAccount>();
        await foreach (var account in accounts.ListAsync(client.Platform, cancellationToken).ConfigureAwait(false))
        {
            known.Add(account);
        }

        // Accounts no longer monitored leave the schedule.
        var keys = known.Select(a => a.Account).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in state.NextPollAt.Keys.Where(key => !keys.Contains(key)).ToList())
        {
            state.NextPollAt.Remove(gone);
        }

        var due = known
            .Select(account => (Account: account, At: state.NextPollAt.TryGetValue(account.Account, out var at) ? at : DateTimeOffset.MinValue))
            .Where(entry => entry.At <= now)
            .OrderBy(entry => entry.At)
            .ThenBy(entry => entry.Account.Account, StringComparer.Ordinal)
            .Select(entry => entry.Account)
            .ToList();

        if (Paused(state, now) is { } pause)
        {
            return new PollTickReport(platform, due.Count, 0, 0, pause);
        }

        var budget = new RequestBudget(state, settings, time);
        var polled = 0;
        string? stopped = null;
        foreach (var batch in Batches(due))
        {
            if (budget.Remaining == 0)
            {
                stopped = "request budget spent";
                break;
            }

            var started = time.GetTimestamp();
            var result = await client.PollAsync([.. batch.Select(ToTarget)], budget, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var at = time.GetUtcNow();
            if (result.Outcome == RequestOutcome.NotSent)
            {
                stopped = result.Reason;
                break;
            }

            instruments?.Request(client.Platform, time.GetElapsedTime(started));
            if (result.RateLimit.Remaining is { } remaining)
            {
                state.PlatformRemaining = remaining;
                if (remaining <= 0 && result.RateLimit.ResetAt is { } reset && reset > at)
                {
                    state.RateLimitedUntil = reset;
                }
            }

            stopped = Apply(state, result, at);
            var byKey = batch.ToDictionary(a => a.Account, StringComparer.Ordinal);
            foreach (var accountResult in result.Accounts)
            {
                var account = byKey[accountResult.Target.Account];
                instruments?.Poll(client.Platform, accountResult.Status);
                await recorder.RecordAsync(account, accountResult, at, cancellationToken).ConfigureAwait(false);

                // An account that got an answer waits its interval; one whose request failed stays due for the next tick.
                if (result.Outcome == RequestOutcome.Ok)
                {
                    state.NextPollAt[account.Account] = at + IntervalOf(account);
                    polled++;
                }
            }

            if (stopped is not null)
            {
                break;
            }
        }

        instruments?.Remaining(client.Platform, Math.Min(budget.Remaining, state.PlatformRemaining ?? long.MaxValue));
        return new PollTickReport(platform, due.Count, polled, budget.Taken, stopped);
    }

    /// <summary>The interval of one account: its <c>poll:</c> tag, else the shortest of its groups' intervals, else the default.</summary>
    public TimeSpan IntervalOf(PolledAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        foreach (var tag in account.Profile.Tags ?? [])
        {
            if (tag.StartsWith(PollerSettings.IntervalTagPrefix, StringComparison.OrdinalIgnoreCase)
                && TimeSpan.TryParse(tag.AsSpan(PollerSettings.IntervalTagPrefix.Length), CultureInfo.InvariantCulture, out var tagged)
                && tagged > TimeSpan.Zero)
            {
                return tagged;
            }
        }

        var fromGroups = (account.Profile.Groups ?? [])
            .Select(group => settings.GroupIntervals.TryGetValue(group, out var interval) ? interval : (TimeSpan?)null)
            .Where(interval => interval > TimeSpan.Zero)
            .Min();
        return fromGroups ?? settings.DefaultInterval;
    }

    private static string? Paused(PlatformScheduleState state, DateTimeOffset now)
    {
        if (state.CircuitOpenUntil is { } open && now < open)
        {
            return $"circuit open until {open:O} ({state.LastFailure})";
        }

        if (state.RateLimitedUntil is { } limited && now < limited)
        {
            return $"rate limited until {limited:O}";
        }

        if (state.BackoffUntil is { } backoff && now < backoff)
        {
            return $"backing off until {backoff:O} ({state.LastFailure})";
        }

        return null;
    }

    // Returns why the tick must stop after this batch, or null to go on.
    private string? Apply(PlatformScheduleState state, BatchPollResult result, DateTimeOffset at)
    {
        switch (result.Outcome)
        {
            case RequestOutcome.Ok:
                if (PlatformOutageRule.Answered(state.Outage, at) is { } resolved)
                {
                    logger?.LogInformation("{Platform} answers again; the outage since {Start:O} is over.", client.Platform, resolved.Start);
                    state.PendingOutages.Add(resolved);
                }

                state.Outage = null;
                state.FailingSince = null;
                state.ConsecutiveFailures = 0;
                state.BackoffUntil = null;
                state.CircuitOpenUntil = null;
                return null;

            case RequestOutcome.RateLimited:
                // Exactly what the headers said: the reset time (or Retry-After), no sooner and no jitter on top.
                state.RateLimitedUntil = result.RateLimit.RetryAt ?? result.RateLimit.ResetAt ?? at + settings.BackoffBase;
                logger?.LogWarning("{Platform} rate limited until {Until:O}.", client.Platform, state.RateLimitedUntil);
                return $"rate limited until {state.RateLimitedUntil:O}";

            default:
                var (outage, opened) = new PlatformOutageRule(settings.FailuresToDeclareOutage)
                    .Failed(client.Platform.ToWireName(), state.Outage, state.ConsecutiveFailures, state.FailingSince, result.Reason, at);
                state.Outage = outage;
                if (opened)
                {
                    logger?.LogWarning("{Platform}: {Failures} failed requests in a row ({Reason}); the platform is in an outage.", client.Platform, outage!.FailedRequests, result.Reason);
                    state.PendingOutages.Add(outage!);
                }

                state.FailingSince ??= at;
                state.ConsecutiveFailures++;
                state.LastFailure = result.Reason;
                var backoff = result.Outcome == RequestOutcome.Unauthorized
                    ? settings.BackoffMax
                    : ExponentialBackoff.Capped(state.ConsecutiveFailures, settings.BackoffBase, settings.BackoffMax);

                var jitter = 1 + (((_random.NextDouble() * 2) - 1) * settings.BackoffJitter);
                state.BackoffUntil = at + (backoff * jitter);
                if (state.ConsecutiveFailures >= settings.FailuresToOpenCircuit)
                {
                    state.CircuitOpenUntil = at + settings.CircuitOpenFor;
                    logger?.LogWarning("{Platform}: {Failures} failed requests in a row ({Reason}); circuit open until {Until:O}.",
                        client.Platform, state.ConsecutiveFailures, result.Reason, state.CircuitOpenUntil);
                }
                else
                {
                    logger?.LogInformation("{Platform} request failed ({Reason}); backing off until {Until:O}.", client.Platform, result.Reason, state.BackoffUntil);
                }

                return result.Reason ?? "request failed";
        }
    }

    private IEnumerable<List<PolledAccount>> Batches(List<PolledAccount> due)
    {
        // Handles and ids go in separate requests (X and YouTube address them differently); YouTube resolves a handle per call.
        var handles = due.Where(a => AccountKey.Parse(a.Account).IsUnresolvedHandle).ToList();
        var ids = due.Where(a => !AccountKey.Parse(a.Account).IsUnresolvedHandle).ToList();
        var handleBatch = client.Platform is Platform.X or Platform.Bluesky ? client.MaxBatchSize : 1;
        foreach (var chunk in ids.Chunk(client.MaxBatchSize))
        {
            yield return [.. chunk];
        }

        foreach (var chunk in handles.Chunk(handleBatch))
        {
            yield return [.. chunk];
        }
    }

    private static PollTarget ToTarget(PolledAccount account) => new(account.Account, AccountKey.Parse(account.Account).Id, account.Profile.Handle);
}
