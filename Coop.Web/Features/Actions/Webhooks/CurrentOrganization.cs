using Coop.Infrastructure.Identity;
using Coop.Web.Application;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>The acting user's organization and how they appear in the audit log.</summary>
internal static class CurrentOrganization
{
    public static async Task<(string OrganizationId, string? UserId, string Actor)> RequireAsync(ICurrentUser currentUser)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var organizationId = principal.FindFirst(CoopClaimTypes.OrganizationId)?.Value
            ?? throw new ForbiddenAccessException("You are not a member of an organization.");
        var userId = principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var actor = principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? principal.Identity?.Name ?? "user";
        return (organizationId, userId, actor);
    }
}
