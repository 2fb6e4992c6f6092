using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Core.Accounts;
using Monitor.Core.Entities;

namespace Monitor.Grains.Entities;

/// <summary>
/// Gives an alert its entity and, for a spike or surge, the cross-platform reading of the entity's accounts
/// (<see cref="CrossPlatformCorroboration"/>), reading their daily histories from their grains.
/// </summary>
public sealed class AlertCorroborator(IGrainFactory grains, CorroborationSettings? settings = null)
{
    /// <summary>The kinds that get a reading: growth the entity's other accounts can corroborate.</summary>
    public static readonly IReadOnlyList<string> ReadKinds = ["spike", "surge"];

    private readonly CorroborationSettings _settings = settings ?? CorroborationSettings.Default;

    /// <summary>A lookup of entities for one hub call (one registry call per batch of accounts).</summary>
    public EntityLookup NewLookup() => new(grains);

    /// <summary>
    /// The alert with <see cref="AlertView.Entity"/> and <see cref="AlertView.Corroboration"/> as they read now, its entity
    /// found through <paramref name="entities"/>.
    /// </summary>
    public async Task<AlertView> AttachAsync(AlertView alert, EntityLookup entities)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(entities);
        if (string.IsNullOrEmpty(alert.Account))
        {
            return alert;
        }

        var entity = await entities.FindAsync(alert.Account);
        if (entity is null)
        {
            return alert with { Entity = null, Corroboration = null };
        }

        if (!ReadKinds.Contains(alert.Kind, StringComparer.OrdinalIgnoreCase))
        {
            return alert with { Entity = entity.Id, Corroboration = null };
        }

        return alert with { Entity = entity.Id, Corroboration = await ReadAsync(entity, alert) };
    }

    private async Task<Corroboration> ReadAsync(Entity entity, AlertView alert)
    {
        var from = alert.Start - _settings.Slack - _settings.BaselinePeriod - TimeSpan.FromDays(1);
        var to = (alert.End ?? DateTimeOffset.MaxValue.AddYears(-1)) + _settings.MinWindow + _settings.Slack;
        var accounts = entity.Accounts.Contains(alert.Account, StringComparer.Ordinal) ? entity.Accounts : [.. entity.Accounts, alert.Account];
        var series = await Task.WhenAll(accounts.Select(async account =>
        {
            var points = await grains.GetGrain<IAccountGrain>(account).ReadDailyHistoryAsync(from, to);
            return new EntityAccountSeries(account, PlatformOf(account), points.Select(point => new CountPoint(point.Timestamp, point.Followers, point.Posts)).ToList());
        }));

        // An open alert is read up to its account's latest day: the window grows with the episode.
        var end = alert.End ?? series.Single(s => s.Account == alert.Account).Points.Select(point => point.At).Where(at => at >= alert.Start).DefaultIfEmpty(alert.PeakAt).Max();
        var reading = CrossPlatformCorroboration.Read(alert.Account, alert.Start, end < alert.Start ? alert.Start : end, series, _settings);
        return new Corroboration(
            entity.Id,
            reading.Summary,
            reading.Moved,
            reading.Compared,
            reading.WithoutData,
            reading.PostsChange,
            reading.WindowStart,
            reading.WindowEnd,
            reading.Accounts.Select(account => new CorroboratingAccount(
                account.Account,
                account.Platform,
                MovementName(account.Movement),
                account.FollowersChange,
                account.PostsChange,
                account.BaselineRatePerDay,
                account.ObservedRatePerDay)).ToList());
    }

    private static string MovementName(AccountMovement movement) => movement switch
    {
        AccountMovement.Moved => "moved",
        AccountMovement.Flat => "flat",
        _ => "no-data",
    };

    private static string PlatformOf(string account) =>
        AccountKey.TryParse(account, out var key, out _) ? key.Platform.ToWireName() : account.Split(':')[0];
}
