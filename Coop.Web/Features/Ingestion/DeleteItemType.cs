using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>
/// Deletes an item type. Its revisions stay, so its old submissions stay readable. The default user type cannot
/// be deleted (Coop 1.0's <c>attempting-to-delete-default-user-type</c>).
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record DeleteItemTypeCommand(string Id);

internal sealed class DeleteItemTypeHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : ICommandHandler<DeleteItemTypeCommand, bool>
{
    public async Task<bool> HandleAsync(DeleteItemTypeCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ItemTypeActor.CurrentAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var itemType = await db.ItemTypes.SingleOrDefaultAsync(t => t.Id == command.Id && t.OrganizationId == actor.OrganizationId, cancellationToken);
        if (itemType is null)
        {
            return false;
        }

        if (!itemType.CanBeDeleted)
        {
            throw new ValidationFailedException(string.Empty, "The default user type cannot be deleted.");
        }

        db.ItemTypes.Remove(itemType);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Display, "item-type.deleted", "item-type", itemType.Id,
            $"Deleted {itemType.Kind} item type '{itemType.Name}' (last version {itemType.Version}).", time.GetUtcNow().UtcDateTime));
        await ItemTypeWrites.SaveAsync(db, cancellationToken);
        catalog.Invalidate(actor.OrganizationId);
        return true;
    }
}
