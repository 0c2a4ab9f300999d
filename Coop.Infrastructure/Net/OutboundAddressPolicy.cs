using System.Net;
using System.Net.Sockets;

namespace Coop.Infrastructure.Net;

/// <summary>
/// Decides whether an outbound request may connect to an address: public addresses yes; loopback,
/// private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), CGNAT (100.64/10), unspecified,
/// multicast, broadcast and reserved ranges only when an allowed network contains them. IPv6 forms
/// that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96) are judged by that address.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private static readonly (IPNetwork Network, AddressClass Class)[] V4Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressClass.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressClass.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressClass.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressClass.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressClass.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressClass.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressClass.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressClass.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressClass.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressClass.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), AddressClass.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressClass.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressClass Class)[] V6Ranges =
    [
        (IPNetwork.Parse("::/128"), AddressClass.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressClass.Loopback),
        (IPNetwork.Parse("fc00::/7"), AddressClass.Private),
        (IPNetwork.Parse("fe80::/10"), AddressClass.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressClass.Private),
        (IPNetwork.Parse("ff00::/8"), AddressClass.Multicast),
        (IPNetwork.Parse("100::/64"), AddressClass.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressClass.Reserved),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    private readonly IReadOnlyList<IPNetwork> allowed;
    private readonly IReadOnlySet<string> allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    private OutboundAddressPolicy(IReadOnlyList<IPNetwork> networks, IReadOnlySet<string> hosts)
    {
        allowed = networks;
        allowedHosts = hosts;
    }

    public OutboundAddressPolicy(IEnumerable<string> allowedNetworks)
    {
        var parsed = new List<IPNetwork>();
        foreach (var cidr in allowedNetworks.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var text = cidr.Trim();
            if (!text.Contains('/', StringComparison.Ordinal))
            {
                text += IPAddress.TryParse(text, out var single) && single.AddressFamily == AddressFamily.InterNetworkV6 ? "/128" : "/32";
            }

            if (!IPNetwork.TryParse(text, out var network))
            {
                throw new FormatException($"Outbound:AllowedNetworks has '{cidr}', which is not a CIDR block such as 10.0.0.0/8.");
            }

            parsed.Add(network);
        }

        allowed = parsed;
    }

    public IReadOnlyList<IPNetwork> AllowedNetworks => allowed;

    /// <summary>Host names whose addresses are allowed whatever they are (an organization's allow-list).</summary>
    public IReadOnlySet<string> AllowedHosts => allowedHosts;

    /// <summary>This policy widened by an organization's allow-list.</summary>
    public OutboundAddressPolicy With(IEnumerable<IPNetwork> networks, IEnumerable<string> hosts)
    {
        var extraNetworks = networks.ToList();
        var extraHosts = hosts.ToList();
        return extraNetworks.Count == 0 && extraHosts.Count == 0
            ? this
            : new OutboundAddressPolicy(
                [.. allowed, .. extraNetworks],
                new HashSet<string>(allowedHosts.Concat(extraHosts), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>True when a connection to <paramref name="address"/>, resolved from <paramref name="host"/>, is allowed.</summary>
    public bool IsAllowed(IPAddress address, string? host) =>
        (host is not null && allowedHosts.Contains(host.TrimEnd('.'))) || IsAllowed(address);

    /// <summary>The kind of <paramref name="address"/>, looking through IPv6 forms that carry an IPv4 address.</summary>
    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var v4 = EmbeddedIPv4(address);
        if (v4 is not null)
        {
            return Match(V4Ranges, v4);
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? Match(V6Ranges, address) : AddressClass.Reserved;
    }

    /// <summary>True when a connection to <paramref name="address"/> is allowed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (Classify(address) == AddressClass.Public)
        {
            return true;
        }

        var v4 = EmbeddedIPv4(address);
        return allowed.Any(n => n.Contains(address) || (v4 is not null && n.Contains(v4)));
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address) || (V4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return null;
    }

    private static AddressClass Match((IPNetwork Network, AddressClass Class)[] ranges, IPAddress address)
    {
        foreach (var (network, kind) in ranges)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return AddressClass.Public;
    }
}
