using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Users;

/// <summary>The user an item concerns: the item itself for user items, else its author — as just submitted, else as last received.</summary>
public static class ItemUser
{
    public static async Task<ItemIdentifier?> ResolveAsync(
        CoopDbContext db, OrganizationItemTypes types, string organizationId, ItemIdentifier item, ItemIdentifier? submittedCreator,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(item);
        if (types.ById(item.TypeId)?.Kind == ItemTypeKind.User)
        {
            return item;
        }

        if (submittedCreator is not null)
        {
            return submittedCreator;
        }

        var creator = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == item.TypeId && i.ItemId == item.Id)
            .Select(i => new { i.CreatorId, i.CreatorTypeId }).SingleOrDefaultAsync(cancellationToken);
        return creator is { CreatorId: { } id, CreatorTypeId: { } typeId } ? new ItemIdentifier(id, typeId) : null;
    }
}
