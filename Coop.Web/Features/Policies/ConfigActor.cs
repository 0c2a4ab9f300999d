using System.Security.Claims;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;

namespace Coop.Web.Features.Policies;

/// <summary>Who changes configuration, and in which organization: the signed-in user, or an operator at the CLI.</summary>
internal sealed record ConfigActor(string OrganizationId, string? UserId, string Name)
{
    public static async Task<ConfigActor> FromAsync(ICurrentUser currentUser)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var organizationId = principal.FindFirst(CoopClaimTypes.OrganizationId)?.Value
            ?? throw new ForbiddenAccessException("You are not a member of an organization.");
        return new ConfigActor(organizationId, principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity?.Name ?? "user");
    }
}
