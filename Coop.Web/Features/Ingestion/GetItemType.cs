using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>One item type of the signed-in user's organization; null when it has none with that id.</summary>
[RequiresSignedInUser]
public sealed record GetItemTypeQuery(string Id);

internal sealed class GetItemTypeHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetItemTypeQuery, ItemTypeDetails?>
{
    public async Task<ItemTypeDetails?> HandleAsync(GetItemTypeQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ItemTypeActor.CurrentAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var itemType = await db.ItemTypes.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == query.Id && t.OrganizationId == actor.OrganizationId, cancellationToken);
        if (itemType is null)
        {
            return null;
        }

        var revisions = await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == itemType.Id, cancellationToken);
        return ItemTypeDetails.From(itemType, revisions);
    }
}
