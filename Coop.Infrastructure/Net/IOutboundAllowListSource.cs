using System.Net;

namespace Coop.Infrastructure.Net;

/// <summary>An organization's own outbound allow-list (Settings → Outbound allow-list), consulted with configuration.</summary>
public interface IOutboundAllowListSource
{
    ValueTask<(IReadOnlyList<IPNetwork> Networks, IReadOnlySet<string> Hosts)> GetAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Forgets the cached list after a change on this node (other nodes see it within the cache lifetime).</summary>
    void Invalidate(string organizationId);
}
