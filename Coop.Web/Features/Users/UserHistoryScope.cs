using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;

namespace Coop.Web.Features.Users;

/// <summary>Whose history is asked for, by whom: the user item (of a USER-kind type of the caller's organization) and what the caller may see.</summary>
internal sealed record UserHistoryScope(string OrganizationId, ItemIdentifier User, string UserTypeName, bool ChildSafety, OrganizationItemTypes Types)
{
    /// <summary>Null when <paramref name="typeId"/> is not one of the organization's user item types.</summary>
    public static async Task<UserHistoryScope?> ResolveAsync(
        ICurrentUser currentUser, ItemTypeCatalog catalog, string typeId, string id, CancellationToken cancellationToken)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var types = await catalog.GetLatestAsync(actor.OrganizationId, cancellationToken);
        if (string.IsNullOrWhiteSpace(id) || types.ById(typeId) is not { Kind: ItemTypeKind.User } type)
        {
            return null;
        }

        return new UserHistoryScope(actor.OrganizationId, new ItemIdentifier(id, typeId), type.Name,
            principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData), types);
    }

    public string TypeName(string itemTypeId) => Types.ById(itemTypeId)?.Name ?? itemTypeId;
}
