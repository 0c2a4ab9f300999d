namespace Coop.Infrastructure.Net;

/// <summary>What kind of address an IP is, for the outbound policy.</summary>
public enum AddressClass
{
    Public = 0,
    Loopback,
    Private,
    LinkLocal,
    SharedAddressSpace,
    Unspecified,
    Multicast,
    Broadcast,
    Reserved,
}
