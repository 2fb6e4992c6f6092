using System.Globalization;

namespace Monitor.Core.Collection;

/// <summary>
/// An outage of one platform as its collector saw it: every request failed from <see cref="Start"/> (the first failure
/// of the run) until <see cref="End"/> (the first request that was answered again; null while it lasts).
/// <see cref="FailedRequests"/> counts the failed requests in a row and <see cref="Reason"/> is the last failure.
/// </summary>
public sealed record PlatformOutage(string Platform, DateTimeOffset Start, DateTimeOffset? End, int FailedRequests, string? Reason)
{
    /// <summary>Stable id <c>outage-{platform}-{start:yyyyMMddTHHmmssZ}</c>: a resolution after a restart names the same alert.</summary>
    public string Id => $"outage-{Platform}-{Start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>True until the platform answers again.</summary>
    public bool IsOpen => End is null;
}
