using System.Net;
using Monitor.Abstractions.Accounts;
using Monitor.Api;
using Monitor.Hosting;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Api;

/// <summary>History older than the tier of the asked resolution is answered at the next coarser one, and the answer says so.</summary>
public sealed class HistoryResolutionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private RunningSilo _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(_directory.File("history.db")));

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Hourly_history_older_than_90_days_is_served_daily_with_a_note()
    {
        var account = TestAccounts.NewKey();
        await _silo.RegisterAsync(account);
        var series = FollowerSeries.For(account).StartingAt(Today.AddDays(-130)).Every(TimeSpan.FromHours(6)).Growing(4 * 128, perStep: 25).Build();
        await _silo.ReplayAsync(series);
        var from = Today.AddDays(-120);
        var to = Today.AddDays(-110);

        using var response = await _silo.Http.GetAsync(
            $"api/accounts/{account}/history?resolution=hour&from={from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={to.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = await RunningSilo.ReadAsync<List<HistoryPoint>>(response);
        Assert.Equal(11, points.Count);
        Assert.All(points, point => Assert.Equal(HistoryResolution.Day, point.Resolution));
        Assert.Equal(Enumerable.Range(0, 11).Select(day => from.AddDays(day)), points.Select(point => point.Timestamp));
        var expectedLast = series.Last(o => o.Timestamp < to.AddDays(1)).Followers;
        Assert.Equal(expectedLast, points[^1].Followers);
        var note = Assert.Single(response.Headers.GetValues(HistoryNote.HeaderName));
        Assert.Contains("hourly buckets are kept 90 days", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_series_notes_where_hourly_points_give_way_to_daily_ones()
    {
        var account = TestAccounts.NewKey();
        await _silo.RegisterAsync(account);
        var series = FollowerSeries.For(account).StartingAt(Today.AddDays(-130)).Every(TimeSpan.FromHours(6)).Growing(4 * 128, perStep: 25).Build();
        await _silo.ReplayAsync(series);

        var answer = await _silo.GetAsync<HistorySeries>($"api/dashboard/accounts/{account}/series?resolution=hour");

        var hourly = answer.Timestamps.Zip(answer.Timestamps.Skip(1)).Count(pair => pair.Second - pair.First < 86_400);
        Assert.True(hourly > 300, $"Only {hourly} steps were finer than a day.");
        Assert.Equal(86_400, answer.Timestamps[1] - answer.Timestamps[0]);
        Assert.NotNull(answer.Note);
        Assert.StartsWith("Before ", answer.Note, StringComparison.Ordinal);
        Assert.Contains("at day resolution", answer.Note, StringComparison.Ordinal);
    }
}
