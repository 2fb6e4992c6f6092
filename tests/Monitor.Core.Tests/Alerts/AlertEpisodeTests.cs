using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Xunit;

namespace Monitor.Core.Tests.Alerts;

public sealed class AlertEpisodeTests
{
    private static readonly DateTimeOffset Start = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly AccountKey Account = AccountKey.Parse("x:123");

    private static EpisodeEvidence Evidence(double z, long change = 1_000) =>
        new(Start.AddDays(1), 401_000, 5_000, 300, 4_000, z, change, change / 400_000.0);

    private static AlertEpisode OpenSpike() => AlertEpisode.Open(Account, AlertKind.Spike, Start, Severity.Info, Evidence(8), Start.AddDays(1));

    [Fact]
    public void An_episode_goes_open_updated_resolved()
    {
        var opened = OpenSpike();
        var updated = opened.Update(Evidence(14, 5_000), Severity.Warning, Start.AddDays(2));
        var resolved = updated.Resolve(Start.AddDays(2), updated.Evidence, Start.AddDays(3));

        Assert.Equal((EpisodeStatus.Open, EpisodeStatus.Open, EpisodeStatus.Resolved), (opened.Status, updated.Status, resolved.Status));
        Assert.Equal(Severity.Warning, resolved.Severity);
        Assert.Equal(5_000, resolved.Change);
        Assert.Equal(Start.AddDays(2), resolved.End);
        Assert.Null(opened.End);
        Assert.Equal(opened.Id, resolved.Id);
    }

    [Fact]
    public void The_id_is_deterministic_from_account_kind_and_start()
    {
        Assert.Equal("spike-x:123-20200927T000000Z", OpenSpike().Id);
        Assert.Equal("surge-20200927T000000Z", AlertEpisode.MakeId(null, AlertKind.Surge, Start));
        Assert.Equal(OpenSpike().Id, OpenSpike().Id);
    }

    [Fact]
    public void Severity_never_decreases()
    {
        var critical = OpenSpike().Update(Evidence(40), Severity.Critical, Start.AddDays(2));

        Assert.Equal(Severity.Critical, critical.Update(Evidence(9), Severity.Info, Start.AddDays(3)).Severity);
    }

    [Fact]
    public void A_spike_escalates_into_a_surge_keeping_its_id()
    {
        var spike = OpenSpike();

        var surge = spike.Escalate(AlertKind.Surge, Evidence(20), Severity.Warning, Start.AddDays(3));

        Assert.Equal(AlertKind.Surge, surge.Kind);
        Assert.Equal(spike.Id, surge.Id);
        Assert.Equal(spike.Start, surge.Start);
        Assert.Equal((AlertKind.Spike, AlertKind.Spike), (spike.FirstKind, surge.FirstKind));
    }

    [Fact]
    public void An_episode_that_never_changed_kind_opened_as_its_kind()
    {
        var drop = AlertEpisode.Open(Account, AlertKind.Drop, Start, Severity.Info, Evidence(-8), Start);

        Assert.Equal(AlertKind.Drop, drop.FirstKind);
    }

    [Fact]
    public void Illegal_transitions_throw()
    {
        var resolved = OpenSpike().Resolve(Start.AddDays(1), Evidence(8), Start.AddDays(2));
        var drop = AlertEpisode.Open(Account, AlertKind.Drop, Start, Severity.Info, Evidence(-8), Start);

        Assert.Throws<InvalidOperationException>(() => resolved.Update(Evidence(9), Severity.Info, Start.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => resolved.Resolve(Start.AddDays(3), Evidence(9), Start.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => resolved.Escalate(AlertKind.Surge, Evidence(9), Severity.Info, Start.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => drop.Escalate(AlertKind.Surge, Evidence(9), Severity.Info, Start.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => OpenSpike().Escalate(AlertKind.Drop, Evidence(9), Severity.Info, Start.AddDays(3)));
        Assert.Equal("end", Assert.Throws<ArgumentOutOfRangeException>(() => OpenSpike().Resolve(Start.AddDays(-1), Evidence(8), Start)).ParamName);
    }
}
