using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Identity;

/// <summary>
/// Identity's default validator wants role names unique across the whole database; Coop's roles are
/// per organization, so a name must be unique only within its organization.
/// </summary>
public sealed class OrganizationRoleValidator : IRoleValidator<CoopRole>
{
    public async Task<IdentityResult> ValidateAsync(RoleManager<CoopRole> manager, CoopRole role)
    {
        if (string.IsNullOrWhiteSpace(role.Name))
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidRoleName", Description = "A role needs a name." });
        }

        var normalized = manager.NormalizeKey(role.Name);
        var clash = await manager.Roles.AnyAsync(r =>
            r.OrganizationId == role.OrganizationId && r.NormalizedName == normalized && r.Id != role.Id);
        return clash
            ? IdentityResult.Failed(new IdentityError { Code = "DuplicateRoleName", Description = $"The organization already has a role named '{role.Name}'." })
            : IdentityResult.Success;
    }
}
