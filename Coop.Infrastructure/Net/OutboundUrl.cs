using System.Net;

namespace Coop.Infrastructure.Net;

/// <summary>
/// Save-time checks of a callback or media URL, for a helpful message in a form. A convenience only:
/// the connect-time check in <see cref="OutboundConnectGuard"/> is what guarantees safety.
/// </summary>
public static class OutboundUrl
{
    /// <summary>Null when <paramref name="url"/> looks acceptable, else why not.</summary>
    public static string? Problem(string? url, OutboundAddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
        {
            return "Enter an absolute URL such as https://platform.example/webhooks/coop.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Only http and https URLs can be called.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Put credentials in a header, not in the URL.";
        }

        if (IPAddress.TryParse(uri.IdnHost, out var address) && !policy.IsAllowed(address))
        {
            return $"{address} is a {OutboundAddressPolicy.Classify(address).ToString().ToLowerInvariant()} address; an administrator must allow it in Outbound:AllowedNetworks.";
        }

        if (uri.IsLoopback && !policy.IsAllowed(IPAddress.Loopback))
        {
            return "Loopback addresses are refused unless an administrator allows them in Outbound:AllowedNetworks.";
        }

        return null;
    }
}
