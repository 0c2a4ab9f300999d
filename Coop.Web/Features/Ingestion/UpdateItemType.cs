using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>
/// Changes an item type, making a new revision (the kind never changes). With <see cref="ExpectedVersion"/>, refuses
/// when someone else changed the type since that version was read.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record UpdateItemTypeCommand(
    string Id,
    string? ExpectedVersion,
    string Name,
    string? Description,
    IReadOnlyList<ItemTypeField> Fields,
    ItemTypeFieldRoles? Roles = null,
    IReadOnlyList<string>? HiddenFields = null);

internal sealed class UpdateItemTypeHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : ICommandHandler<UpdateItemTypeCommand, ItemTypeDetails>
{
    public async Task<ItemTypeDetails> HandleAsync(UpdateItemTypeCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ItemTypeActor.CurrentAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var itemType = await db.ItemTypes.SingleOrDefaultAsync(t => t.Id == command.Id && t.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "This item type does not exist (any more).");
        if (command.ExpectedVersion is { } expected && expected != itemType.Version)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this item type meanwhile. Reload it and make your change again.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = itemType.Version;
        ItemTypeRevision revision;
        try
        {
            revision = itemType.Update(command.Name, command.Description,
                new ItemTypeSchema(itemType.Kind, command.Fields, command.Roles, command.HiddenFields), now, actor.Display);
        }
        catch (ItemTypeInvalidException ex)
        {
            throw ItemTypeActor.ToValidationFailure(ex);
        }

        await ItemTypeWrites.EnsureNameIsFreeAsync(db, actor.OrganizationId, itemType.Name, itemType.Id, cancellationToken);
        db.ItemTypeRevisions.Add(revision);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Display, "item-type.updated", "item-type", itemType.Id,
            $"Updated item type '{itemType.Name}' from version {before} to {itemType.Version} ({itemType.Schema.Fields.Count} field(s)).", now));
        await ItemTypeWrites.SaveAsync(db, cancellationToken);
        catalog.Invalidate(actor.OrganizationId);
        var revisions = await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == itemType.Id, cancellationToken);
        return ItemTypeDetails.From(itemType, revisions);
    }
}
