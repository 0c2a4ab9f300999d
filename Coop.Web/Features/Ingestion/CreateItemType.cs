using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>Creates an item type in the admin's organization. Refusals carry keys such as <c>Name</c>, <c>Fields[1].Name</c>, <c>Roles.creatorId</c>.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record CreateItemTypeCommand(
    string Name,
    string? Description,
    ItemTypeKind Kind,
    IReadOnlyList<ItemTypeField> Fields,
    ItemTypeFieldRoles? Roles = null,
    IReadOnlyList<string>? HiddenFields = null);

internal sealed class CreateItemTypeHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : ICommandHandler<CreateItemTypeCommand, ItemTypeDetails>
{
    public async Task<ItemTypeDetails> HandleAsync(CreateItemTypeCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ItemTypeActor.CurrentAsync(currentUser);
        var now = time.GetUtcNow().UtcDateTime;
        ItemType itemType;
        ItemTypeRevision revision;
        try
        {
            (itemType, revision) = ItemType.Create(actor.OrganizationId, command.Name, command.Description,
                new ItemTypeSchema(command.Kind, command.Fields, command.Roles, command.HiddenFields), now, actor.Display);
        }
        catch (ItemTypeInvalidException ex)
        {
            throw ItemTypeActor.ToValidationFailure(ex);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ItemTypeWrites.EnsureNameIsFreeAsync(db, actor.OrganizationId, itemType.Name, null, cancellationToken);
        db.ItemTypes.Add(itemType);
        db.ItemTypeRevisions.Add(revision);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Display, "item-type.created", "item-type", itemType.Id,
            $"Created {itemType.Kind.ToWire()} item type '{itemType.Name}' with {itemType.Schema.Fields.Count} field(s), version {itemType.Version}.", now));
        await ItemTypeWrites.SaveAsync(db, cancellationToken);
        catalog.Invalidate(actor.OrganizationId);
        return ItemTypeDetails.From(itemType, 1);
    }
}
