namespace Coop.Infrastructure.Net;

/// <summary>
/// The <c>Outbound</c> section: which otherwise-refused networks outbound requests (webhooks, media
/// fetches) may reach. By default only public addresses are reachable.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>CIDR blocks (e.g. <c>10.20.0.0/16</c>, <c>127.0.0.0/8</c>, <c>fd00::/8</c>) admins allow despite being private.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>
    /// The largest response body (bytes) webhook, callback, partial-items, classifier, single sign-on and CyberTipline
    /// calls accept; 0 = no cap. Media fetches cap themselves (image hashing at 20 MB; NCMEC uploads stream under a timeout).
    /// </summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;
}
