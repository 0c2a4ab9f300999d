using System.Security.Claims;
using Coop.Infrastructure.Identity;

namespace Coop.Web.Application;

/// <summary>The facts use cases need about who is acting.</summary>
public static class CurrentUserExtensions
{
    /// <summary>The acting user's organization, their id and how the audit log names them.</summary>
    public static async Task<Actor> RequireActorAsync(this ICurrentUser currentUser)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var organizationId = principal.FindFirst(CoopClaimTypes.OrganizationId)?.Value
            ?? throw new ForbiddenAccessException("You are not a member of an organization.");
        var userId = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? throw new ForbiddenAccessException("Sign in first.");
        return new Actor(organizationId, userId, principal.Identity?.Name ?? userId);
    }
}

/// <summary>A signed-in console user acting in their organization; <see cref="Name"/> is their email.</summary>
public sealed record Actor(string OrganizationId, string UserId, string Name);
