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
public sealed partial class OutboundConnectGuard(IOptionsMonitor<OutboundOptions> options, ILogger<OutboundConnectGuard> logger)
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

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var rules = Policy;
        var permitted = addresses.Where(rules.IsAllowed).ToList();
        if (permitted.Count == 0)
        {
            var shown = string.Join(", ", addresses.Select(a => $"{a} ({OutboundAddressPolicy.Classify(a)})"));
            LogRefused(logger, endpoint.Host, shown);
            throw new OutboundRequestRefusedException(addresses.Length == 0
                ? $"{endpoint.Host} did not resolve to any address."
                : $"Refused to connect to {endpoint.Host}: {shown} is not a public address and is not in Outbound:AllowedNetworks.");
        }

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
