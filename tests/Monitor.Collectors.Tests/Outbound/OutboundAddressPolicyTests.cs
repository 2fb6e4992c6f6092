using System.Net;
using Monitor.Collectors.Outbound;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Outbound;

/// <summary>The silo's outbound requests reach public addresses only, unless an operator allows a range (issue #16, item 4).</summary>
public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("224.0.0.1")]
    [InlineData("ff02::1")]
    [InlineData("255.255.255.255")]
    public void Loopback_private_link_local_unique_local_multicast_and_unspecified_addresses_are_refused(string address)
    {
        Assert.False(new OutboundAddressPolicy([]).IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("::ffff:93.184.215.14")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(new OutboundAddressPolicy([]).IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_allowed_range_admits_its_addresses_only()
    {
        var policy = OutboundAddressPolicy.From(new OutboundOptions { AllowedRanges = ["10.20.0.0/16", "fd00:ec2::/32"] });

        Assert.True(policy.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("fd00:ec2::254")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
    }

    [Fact]
    public void A_range_that_is_not_cidr_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => OutboundAddressPolicy.From(new OutboundOptions { AllowedRanges = ["10.0.0.0/8", "intranet"] }));

        Assert.Contains("Monitor:Outbound:AllowedRanges:1 'intranet'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_is_checked_after_resolution_when_connecting()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, "{}"));
        var byName = new Uri($"http://localhost:{server.Address.Port}/probe");
        using var refused = new HttpClient(OutboundConnector.CreateHandler(new OutboundAddressPolicy([])));
        using var allowed = new HttpClient(OutboundConnector.CreateHandler(OutboundAddressPolicy.From(new OutboundOptions { AllowedRanges = ["127.0.0.0/8", "::1/128"] })));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync(byName, TestContext.Current.CancellationToken));
        Assert.True(OutboundAddressRefusedException.IsCauseOf(error), error.ToString());
        Assert.Empty(server.Requests);

        using var response = await allowed.GetAsync(byName, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(server.Requests);
    }
}
