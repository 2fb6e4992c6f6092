using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>
/// A read of an account's history as the history endpoints take it (<c>/api/accounts/{key}/history</c> and the dashboard's
/// series): an account key, a resolution and a time range, checked once for both.
/// </summary>
internal sealed record HistoryRequest(string Account, HistoryResolution Resolution, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The request the query names, or the problem with it (a key, resolution or range the API refuses).</summary>
    public static ValidationProblem? TryCreate(string key, string? resolution, DateTimeOffset? from, DateTimeOffset? to, out HistoryRequest request)
    {
        request = null!;
        if (!AccountKeyRule.TryCanonicalize(key, out var account, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        if (!TryParseResolution(resolution, out var parsed))
        {
            return ApiProblems.InvalidField("resolution", resolution, "must be raw, hour or day");
        }

        var end = to ?? DateTimeOffset.UtcNow.AddDays(1);
        var start = from ?? DateTimeOffset.UnixEpoch;
        if (start > end)
        {
            return ApiProblems.InvalidField("from", from, $"must not be after 'to' ({end:O})");
        }

        request = new HistoryRequest(account, parsed, start, end);
        return null;
    }

    /// <summary>The points in the range at the resolution, or null when the account is not registered.</summary>
    public async Task<IReadOnlyList<HistoryPoint>?> ReadAsync(IGrainFactory grains)
    {
        var grain = grains.GetGrain<IAccountGrain>(Account);
        return await grain.GetSummaryAsync() is null ? null : await grain.GetHistoryAsync(Start, End, Resolution);
    }

    private static bool TryParseResolution(string? text, out HistoryResolution resolution)
    {
        resolution = text?.ToLowerInvariant() switch
        {
            null or "" or "raw" => HistoryResolution.Raw,
            "hour" => HistoryResolution.Hour,
            "day" => HistoryResolution.Day,
            _ => (HistoryResolution)(-1),
        };
        return Enum.IsDefined(resolution);
    }
}
