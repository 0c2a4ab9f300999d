using System.Collections.Concurrent;
using System.Net;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Net;

/// <summary>Reads organizations' allow-lists from the database, cached for 30 seconds per organization.</summary>
internal sealed class OrganizationAllowListSource(IDbContextFactory<CoopDbContext> factory, TimeProvider time) : IOutboundAllowListSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, IReadOnlyList<IPNetwork> Networks, IReadOnlySet<string> Hosts)> cache = new(StringComparer.Ordinal);

    public async ValueTask<(IReadOnlyList<IPNetwork> Networks, IReadOnlySet<string> Hosts)> GetAsync(string organizationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(organizationId, out var cached) && cached.Until > now)
        {
            return (cached.Networks, cached.Hosts);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.OutboundAllowListJson).SingleOrDefaultAsync(cancellationToken);
        var (networks, hosts) = OutboundAllowList.Split(OutboundAllowList.FromJson(json));
        cache[organizationId] = (now + Lifetime, networks, hosts);
        return (networks, hosts);
    }

    public void Invalidate(string organizationId) => cache.TryRemove(organizationId, out _);
}
