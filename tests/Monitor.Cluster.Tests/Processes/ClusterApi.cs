using System.Net.Http.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Cluster.Tests.Infrastructure;
using Monitor.Client;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>What the tests read back through a silo's public API: history, summaries, alerts; and the checks built on them.</summary>
public static class ClusterApi
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The raw history of <paramref name="account"/> as (timestamp, followers), in the order the silo returns it.</summary>
    public static async Task<List<(DateTimeOffset Timestamp, long Followers)>> ReadHistoryAsync(ClusterSiloProcess silo, string account)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var points = await silo.Http.GetFromJsonAsync<List<HistoryPoint>>($"api/accounts/{Uri.EscapeDataString(account)}/history?resolution=raw", MonitorClient.JsonOptions, Cancellation);
        return points!.Select(point => (point.Timestamp, point.Followers)).ToList();
    }

    /// <summary>The summary of <paramref name="account"/> as <paramref name="silo"/> answers it (JSON text, for comparison).</summary>
    public static async Task<string> ReadSummaryAsync(ClusterSiloProcess silo, string account)
    {
        ArgumentNullException.ThrowIfNull(silo);
        using var response = await silo.Http.GetAsync($"api/accounts/{Uri.EscapeDataString(account)}", Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"GET account {account} on {silo.Name}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Asserts that every observation of <paramref name="acknowledged"/> is in its account's history, exactly once, read through <paramref name="silos"/> in turn.</summary>
    public static async Task AssertStoredAsync(IReadOnlyList<ClusterSiloProcess> silos, IReadOnlyList<ObservationInput> acknowledged)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentNullException.ThrowIfNull(acknowledged);
        var i = 0;
        foreach (var byAccount in acknowledged.GroupBy(observation => observation.Account))
        {
            var silo = silos[i++ % silos.Count];
            var history = await ReadHistoryAsync(silo, byAccount.Key);
            var stored = history.ToHashSet();
            var lost = byAccount.Where(o => !stored.Contains((o.Timestamp, o.Followers))).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {byAccount.Count()} acknowledged observations of {byAccount.Key} are missing from its history on {silo.Name}, first {lost.FirstOrDefault()}.");
            Assert.True(history.Count == stored.Count, $"The history of {byAccount.Key} on {silo.Name} holds {history.Count - stored.Count} points twice.");
        }
    }

    /// <summary>The alerts of <paramref name="account"/> (all statuses) as <paramref name="silo"/> lists them.</summary>
    public static async Task<List<AlertView>> AlertsOfAsync(ClusterSiloProcess silo, string account)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return (await new MonitorClient(silo.Http).QueryAlertsAsync($"account={Uri.EscapeDataString(account)}&limit=100", Cancellation)).Items.ToList();
    }

    /// <summary>Waits until <paramref name="silo"/> lists <paramref name="count"/> alerts of <paramref name="account"/>.</summary>
    public static Task WaitForAlertCountAsync(ClusterSiloProcess silo, string account, int count, TimeSpan timeout) =>
        Poll.UntilAsync(async () => (await AlertsOfAsync(silo, account)).Count == count, timeout, $"{count} alert(s) of {account} on {silo.Name}");
}
