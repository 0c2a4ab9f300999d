using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>The signed-in user's organization's item types, by name. Readable by every member (reviewers need them).</summary>
[RequiresSignedInUser]
public sealed record ListItemTypesQuery;

internal sealed class ListItemTypesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListItemTypesQuery, IReadOnlyList<ItemTypeSummary>>
{
    public async Task<IReadOnlyList<ItemTypeSummary>> HandleAsync(ListItemTypesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ItemTypeActor.CurrentAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var itemTypes = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        return [.. itemTypes
            .OrderByDescending(t => t.IsDefaultUserType).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => new ItemTypeSummary(t.Id, t.Name, t.Description, t.Kind, t.Version, t.Schema.Fields.Count, t.IsDefaultUserType, t.UpdatedAt))];
    }
}
