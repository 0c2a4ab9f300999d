using System.Net;
using Coop.Infrastructure.Net;

namespace Coop.Tests.Unit.Net;

[Trait("Category", "Unit")]
public sealed class OutboundAddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressClass.Public)]
    [InlineData("93.184.216.34", AddressClass.Public)]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.0.9", AddressClass.Loopback)]
    [InlineData("10.1.2.3", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("100.64.0.1", AddressClass.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressClass.SharedAddressSpace)]
    [InlineData("100.128.0.1", AddressClass.Public)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("255.255.255.255", AddressClass.Broadcast)]
    [InlineData("2606:4700:4700::1111", AddressClass.Public)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("fd12:3456::1", AddressClass.Private)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("::ffff:10.0.0.1", AddressClass.Private)]
    [InlineData("::ffff:169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("::ffff:8.8.8.8", AddressClass.Public)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressClass.LinkLocal)]
    [InlineData("::127.0.0.1", AddressClass.Loopback)]
    public void Addresses_are_classified(string address, AddressClass expected) =>
        Assert.Equal(expected, OutboundAddressPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Only_public_addresses_pass_without_an_allow_list()
    {
        var policy = new OutboundAddressPolicy([]);

        Assert.True(policy.IsAllowed(IPAddress.Parse("8.8.8.8")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("169.254.169.254")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("fe80::1")));
    }

    [Fact]
    public void An_allowed_network_opens_exactly_its_addresses_in_both_notations()
    {
        var policy = new OutboundAddressPolicy(["127.0.0.0/8", "10.20.0.0/16", "fd00::/8", "192.168.5.5"]);

        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("10.20.3.4")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.21.0.1")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("fd00::5")));
        Assert.True(policy.IsAllowed(IPAddress.Parse("192.168.5.5")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("192.168.5.6")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("::1")));
    }

    [Fact]
    public void A_malformed_allow_list_entry_is_an_error_not_silently_ignored() =>
        Assert.Throws<FormatException>(() => new OutboundAddressPolicy(["10.0.0.0/33"]));

    [Theory]
    [InlineData("https://platform.example/hooks", null)]
    [InlineData("ftp://platform.example/hooks", "Only http and https")]
    [InlineData("hooks/coop", "absolute URL")]
    [InlineData("http://user:pw@platform.example/", "credentials")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link")]
    [InlineData("http://localhost:8080/", "Loopback")]
    public void Save_time_url_checks_explain_the_problem(string url, string? problem)
    {
        var result = OutboundUrl.Problem(url, new OutboundAddressPolicy([]));

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.OrdinalIgnoreCase);
        }
    }
}
