using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Net;

/// <summary>
/// The guarantee behind outbound safety: SocketsHttpHandler's connect callback resolves the host
/// itself, keeps only addresses the <see cref="OutboundAddressPolicy"/> allows, and connects to one of
/// exactly those. Checking at connect time (not when a URL is saved) defeats DNS rebinding, and covers
/// every connection a handler opens, redirects included.
/// </summary>
public sealed partial class OutboundConnectGuard(
    IOptionsMonitor<OutboundOptions> options, ILogger<OutboundConnectGuard> logger, IOutboundAllowListSource? organizations = null)
{
    private OutboundAddressPolicy? policy;
    private IList<string>? policySource;

    public OutboundAddressPolicy Policy
    {
        get
        {
            var current = options.CurrentValue.AllowedNetworks;
            var cached = policy;
            if (cached is null || !ReferenceEquals(policySource, current))
            {
                cached = new OutboundAddressPolicy(current);
                policy = cached;
                policySource = current;
            }

            return cached;
        }
    }

    /// <summary>The configured policy widened by the allow-list of the organization the request is made for, if any.</summary>
    public async ValueTask<OutboundAddressPolicy> PolicyForAsync(string? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId is null || organizations is null)
        {
            return Policy;
        }

        var (networks, hosts) = await organizations.GetAsync(organizationId, cancellationToken);
        return Policy.With(networks, hosts);
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> the policy lets this request reach; throws when there are none.
    /// Also run before each request is sent, because a pooled connection opened for one organization must not
    /// serve another organization whose allow-list does not cover it.
    /// </summary>
    public async ValueTask<IReadOnlyList<IPAddress>> PermittedAddressesAsync(string host, string? organizationId, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var rules = await PolicyForAsync(organizationId, cancellationToken);
        var permitted = addresses.Where(a => rules.IsAllowed(a, host)).ToList();
        if (permitted.Count == 0)
        {
            var shown = string.Join(", ", addresses.Select(a => $"{a} ({OutboundAddressPolicy.Classify(a)})"));
            LogRefused(logger, host, shown);
            throw new OutboundRequestRefusedException(addresses.Length == 0
                ? $"{host} did not resolve to any address."
                : $"Refused to connect to {host}: {shown} is not a public address and is not in Outbound:AllowedNetworks or the organization's outbound allow-list.");
        }

        return permitted;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var permitted = await PermittedAddressesAsync(endpoint.Host, OutboundRequest.OrganizationOf(context.InitialRequestMessage), cancellationToken);

        Exception? last = null;
        foreach (var address in permitted)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound request to {Host} refused: {Addresses}")]
    private static partial void LogRefused(ILogger logger, string host, string addresses);
}
