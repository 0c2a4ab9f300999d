using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Creates organizations (with their seven system roles) and users. Callers wrap the calls in one
/// transaction on <see cref="Db"/>, the same context Identity's stores write through.
/// </summary>
public sealed class OrganizationProvisioner(CoopDbContext db, UserManager<CoopUser> users, TimeProvider time)
{
    public CoopDbContext Db => db;

    public async Task<Organization> CreateOrganizationAsync(string name, string email, bool isDemo, string actor, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (await db.Organizations.AnyAsync(o => o.Name == trimmed, cancellationToken))
        {
            throw new ValidationFailedException("OrganizationName", $"An organization named '{trimmed}' already exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organization = Organization.Create(trimmed, email, websiteUrl: null, now, isDemo);
        db.Organizations.Add(organization);
        foreach (var definition in DefaultRoles.All)
        {
            var role = new CoopRole
            {
                Id = Guid.NewGuid().ToString(),
                OrganizationId = organization.Id,
                Key = definition.Key,
                Name = definition.DisplayName,
                NormalizedName = users.NormalizeName(definition.DisplayName),
                Description = definition.Description,
                IsSystem = true,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Roles.Add(role);
            foreach (var permission in definition.Permissions)
            {
                db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
            }
        }

        // Every organization has a default USER type (the legacy /content endpoint's userId); it cannot be deleted.
        var (userType, userTypeRevision) = ItemType.CreateDefaultUserType(organization.Id, now);
        db.ItemTypes.Add(userType);
        db.ItemTypeRevisions.Add(userTypeRevision);

        Features.Actions.BuiltInActions.AddTo(db, organization.Id, now);
        Features.Review.Routing.DefaultQueues.AddTo(db, organization.Id, now);
        db.AuditEntries.Add(AuditEntry.Record(organization.Id, null, actor, "organization.created", "organization", organization.Id,
            $"Created organization '{organization.Name}' with the {DefaultRoles.All.Count} system roles and the default user item type.", now));
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    public async Task<CoopUser> CreateUserAsync(
        string organizationId, string email, string password, string? firstName, string? lastName, string roleKey,
        string actor, string? actorId, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Key == roleKey, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {organizationId} has no {roleKey} role.");
        var now = time.GetUtcNow().UtcDateTime;
        var user = new CoopUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            OrganizationId = organizationId,
            FirstName = string.IsNullOrWhiteSpace(firstName) ? null : firstName.Trim(),
            LastName = string.IsNullOrWhiteSpace(lastName) ? null : lastName.Trim(),
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new ValidationFailedException(ToFieldErrors(created));
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.AuditEntries.Add(AuditEntry.Record(organizationId, actorId, actor, "user.created", "user", user.Id,
            $"Created user {user.Email} with role {role.Name}.", now));
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    private static Dictionary<string, string[]> ToFieldErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
                : string.Empty)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code == "DuplicateUserName" ? $"{e.Description.Replace("Username", "Email", StringComparison.Ordinal)}" : e.Description).Distinct().ToArray());
}
