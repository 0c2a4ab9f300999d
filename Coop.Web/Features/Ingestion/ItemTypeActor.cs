using System.Security.Claims;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;

namespace Coop.Web.Features.Ingestion;

/// <summary>The signed-in user's organization, id and display, as the item type use cases need them.</summary>
internal sealed record ItemTypeActor(string OrganizationId, string? UserId, string Display)
{
    public static async Task<ItemTypeActor> CurrentAsync(ICurrentUser currentUser)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var organizationId = principal.FindFirst(CoopClaimTypes.OrganizationId)?.Value
            ?? throw new ForbiddenAccessException("You are not a member of an organization.");
        return new ItemTypeActor(organizationId, principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, principal.Identity?.Name ?? "unknown");
    }

    /// <summary>Turns the domain's refusal into the console's field-keyed validation errors.</summary>
    public static ValidationFailedException ToValidationFailure(ItemTypeInvalidException exception) =>
        new(exception.Problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
