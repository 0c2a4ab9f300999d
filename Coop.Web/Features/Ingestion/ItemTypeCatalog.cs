using System.Collections.Concurrent;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>
/// Resolves item types for the ingestion path (no user, no permission check: callers have already authenticated the
/// organization, e.g. by API key). The latest revisions of an organization are cached for <see cref="LatestTtl"/>
/// and dropped at once by <see cref="Invalidate"/> after an edit on this node (other nodes catch up within the TTL).
/// Older revisions are immutable and cached for the life of the process. Thread-safe singleton.
/// </summary>
public sealed class ItemTypeCatalog(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan LatestTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Task<OrganizationItemTypes> Load, DateTimeOffset LoadedAt)> latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Org, string Id, string Version), ResolvedItemType> revisions = new();

    /// <summary>The latest revision of every item type of the organization.</summary>
    public async Task<OrganizationItemTypes> GetLatestAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var entry = latest.AddOrUpdate(
            organizationId,
            org => (LoadAsync(org), now),
            (org, existing) => existing.Load.IsFaulted || existing.Load.IsCanceled || now - existing.LoadedAt > LatestTtl ? (LoadAsync(org), now) : existing);
        return await entry.Load.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The item type <paramref name="itemTypeId"/> of the organization: its latest revision, or the revision
    /// <paramref name="version"/> when given (also for a deleted type), in <paramref name="variant"/>. Null when unknown.
    /// </summary>
    public async Task<ResolvedItemType?> GetAsync(
        string organizationId, string itemTypeId, string? version = null, SchemaVariant variant = SchemaVariant.Original,
        CancellationToken cancellationToken = default)
    {
        var current = (await GetLatestAsync(organizationId, cancellationToken)).ById(itemTypeId);
        if (string.IsNullOrEmpty(version) || current?.Version == version)
        {
            return current?.WithVariant(variant);
        }

        if (revisions.TryGetValue((organizationId, itemTypeId, version), out var cached))
        {
            return cached.WithVariant(variant);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var revision = await db.ItemTypeRevisions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.ItemTypeId == itemTypeId && r.Version == version, cancellationToken);
        if (revision is null)
        {
            return null;
        }

        var resolved = new ResolvedItemType(revision.ItemTypeId, revision.OrganizationId, revision.Name, revision.Description, revision.Kind,
            revision.Version, revision.IsDefaultUserType, revision.Schema, SchemaVariant.Original, IsLatest: false);
        revisions[(organizationId, itemTypeId, version)] = resolved;
        return resolved.WithVariant(variant);
    }

    /// <summary>The latest revision of the organization's item type named exactly <paramref name="name"/> (legacy <c>/content</c>).</summary>
    public async Task<ResolvedItemType?> GetByNameAsync(
        string organizationId, string name, SchemaVariant variant = SchemaVariant.Original, CancellationToken cancellationToken = default) =>
        (await GetLatestAsync(organizationId, cancellationToken)).ByName(name)?.WithVariant(variant);

    /// <summary>The organization's default USER type (the legacy endpoint's <c>userId</c> type).</summary>
    public async Task<ResolvedItemType?> GetDefaultUserTypeAsync(string organizationId, CancellationToken cancellationToken = default) =>
        (await GetLatestAsync(organizationId, cancellationToken)).DefaultUserType;

    /// <summary>Forgets the cached latest revisions of the organization; call after every change to its item types.</summary>
    public void Invalidate(string organizationId) => latest.TryRemove(organizationId, out _);

    private async Task<OrganizationItemTypes> LoadAsync(string organizationId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == organizationId).ToListAsync();
        return new OrganizationItemTypes(rows.Select(t => new ResolvedItemType(
            t.Id, t.OrganizationId, t.Name, t.Description, t.Kind, t.Version, t.IsDefaultUserType, t.Schema, SchemaVariant.Original, IsLatest: true)));
    }
}
