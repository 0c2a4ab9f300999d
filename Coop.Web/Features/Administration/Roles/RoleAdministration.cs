using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Common;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Roles;

/// <summary>Creates a custom role, optionally starting from another role's permissions. Field keys: <c>Name</c>, <c>Description</c>.</summary>
[RequiresPermission(Permissions.ManageRoles)]
public sealed record CreateRoleCommand(string Name, string? Description, string? CopyFromRoleId = null);

/// <summary>Renames a role (system or custom) and changes its description.</summary>
[RequiresPermission(Permissions.ManageRoles)]
public sealed record UpdateRoleCommand(string RoleId, string Name, string? Description);

/// <summary>Grants or withdraws one permission of a role. Takes effect at once for every signed-in holder.</summary>
[RequiresPermission(Permissions.ManageRoles)]
public sealed record SetRolePermissionCommand(string RoleId, string Permission, bool Granted);

/// <summary>Deletes a custom role that no user holds.</summary>
[RequiresPermission(Permissions.ManageRoles)]
public sealed record DeleteRoleCommand(string RoleId);

internal sealed class RoleAdministrationHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time, ILookupNormalizer normalizer)
    : ICommandHandler<CreateRoleCommand, RoleSummary>, ICommandHandler<UpdateRoleCommand, RoleSummary>,
      ICommandHandler<SetRolePermissionCommand, RoleSummary>, ICommandHandler<DeleteRoleCommand, bool>
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    public async Task<RoleSummary> HandleAsync(CreateRoleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (name, description) = await ValidateAsync(db, actor.OrganizationId, null, command.Name, command.Description, cancellationToken);
        var permissions = new List<string>();
        if (!string.IsNullOrEmpty(command.CopyFromRoleId))
        {
            var source = await FindAsync(db, actor.OrganizationId, command.CopyFromRoleId, cancellationToken);
            permissions = await db.RoleClaims.Where(c => c.RoleId == source.Id && c.ClaimType == Permissions.ClaimType)
                .Select(c => c.ClaimValue!).ToListAsync(cancellationToken);
        }

        var role = new CoopRole
        {
            Id = Guid.NewGuid().ToString(),
            OrganizationId = actor.OrganizationId,
            Key = $"CUSTOM_{Ids.New().ToUpperInvariant()}",
            Name = name,
            NormalizedName = normalizer.NormalizeName(name),
            Description = description,
            IsSystem = false,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Roles.Add(role);
        foreach (var permission in permissions.Where(Permissions.IsKnown).Distinct())
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = permission });
        }

        Audit(db, actor, "role.created", role.Id, new { after = new { name, description, permissions } });
        await db.SaveChangesAsync(cancellationToken);
        return await SummaryAsync(db, actor.OrganizationId, role.Id, cancellationToken);
    }

    public async Task<RoleSummary> HandleAsync(UpdateRoleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var role = await FindAsync(db, actor.OrganizationId, command.RoleId, cancellationToken);
        var (name, description) = await ValidateAsync(db, actor.OrganizationId, role.Id, command.Name, command.Description, cancellationToken);
        if (name != role.Name || description != role.Description)
        {
            Audit(db, actor, "role.updated", role.Id, new
            {
                before = new { name = role.Name, description = role.Description },
                after = new { name, description },
            });
            role.Name = name;
            role.NormalizedName = normalizer.NormalizeName(name);
            role.Description = description;
            role.ConcurrencyStamp = Guid.NewGuid().ToString();
            await db.SaveChangesAsync(cancellationToken);
            await live.AnnounceAsync(actor.OrganizationId, null, actor.UserId, cancellationToken);
        }

        return await SummaryAsync(db, actor.OrganizationId, role.Id, cancellationToken);
    }

    public async Task<RoleSummary> HandleAsync(SetRolePermissionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        if (!Permissions.IsKnown(command.Permission ?? string.Empty))
        {
            throw new ValidationFailedException("Permission", $"'{command.Permission}' is not a permission.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var role = await FindAsync(db, actor.OrganizationId, command.RoleId, cancellationToken);
        var claims = await db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == Permissions.ClaimType).ToListAsync(cancellationToken);
        var before = claims.Select(c => c.ClaimValue!).Order(StringComparer.Ordinal).ToList();
        var existing = claims.Where(c => c.ClaimValue == command.Permission).ToList();
        if (command.Granted == (existing.Count > 0))
        {
            return await SummaryAsync(db, actor.OrganizationId, role.Id, cancellationToken);
        }

        if (!command.Granted)
        {
            var snapshot = await AccessSnapshot.LoadAsync(db, actor.OrganizationId, cancellationToken);
            snapshot.RolePermissions[role.Id].Remove(command.Permission!);
            snapshot.EnsureAdministrable("Permission");
            db.RoleClaims.RemoveRange(existing);
        }
        else
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = Permissions.ClaimType, ClaimValue = command.Permission });
        }

        var after = command.Granted
            ? before.Append(command.Permission!).Order(StringComparer.Ordinal).ToList()
            : before.Where(p => p != command.Permission).ToList();
        role.ConcurrencyStamp = Guid.NewGuid().ToString();
        Audit(db, actor, command.Granted ? "role.permission-granted" : "role.permission-revoked", role.Id,
            new { role = role.Name, permission = command.Permission, before, after });
        await db.SaveChangesAsync(cancellationToken);
        await live.AnnounceAsync(actor.OrganizationId, null, actor.UserId, cancellationToken);
        return await SummaryAsync(db, actor.OrganizationId, role.Id, cancellationToken);
    }

    public async Task<bool> HandleAsync(DeleteRoleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var role = await FindAsync(db, actor.OrganizationId, command.RoleId, cancellationToken);
        if (role.IsSystem)
        {
            throw new ValidationFailedException(string.Empty, "System roles cannot be deleted; rename them or change their permissions instead.");
        }

        if (await db.UserRoles.AnyAsync(ur => ur.RoleId == role.Id, cancellationToken)
            || await db.Invitations.AnyAsync(i => i.RoleId == role.Id && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken))
        {
            throw new ValidationFailedException(string.Empty, "Users or open invitations hold this role: give them another role first.");
        }

        var permissions = await db.RoleClaims.Where(c => c.RoleId == role.Id).ToListAsync(cancellationToken);
        foreach (var queue in await db.ReviewQueues.Where(q => q.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken))
        {
            if (queue.ReviewerRoles.Contains(role.Id))
            {
                queue.SetAccess(queue.ReviewerUsers, queue.ReviewerRoles.Where(r => r != role.Id), queue.HiddenActions);
            }
        }

        Audit(db, actor, "role.deleted", role.Id, new
        {
            before = new { name = role.Name, description = role.Description, permissions = permissions.Select(p => p.ClaimValue).Order(StringComparer.Ordinal) },
        });
        db.RoleClaims.RemoveRange(permissions);
        db.Roles.Remove(role);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<CoopRole> FindAsync(CoopDbContext db, string organizationId, string? roleId, CancellationToken cancellationToken) =>
        await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId && r.OrganizationId == organizationId, cancellationToken)
        ?? throw new ValidationFailedException(string.Empty, "There is no such role.");

    private async Task<(string Name, string? Description)> ValidateAsync(
        CoopDbContext db, string organizationId, string? roleId, string? name, string? description, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = (name ?? string.Empty).Trim();
        var text = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmed.Length == 0)
        {
            errors["Name"] = ["A role needs a name."];
        }
        else if (trimmed.Length > NameMaxLength)
        {
            errors["Name"] = [$"A role name has at most {NameMaxLength} characters."];
        }
        else
        {
            var normalized = normalizer.NormalizeName(trimmed);
            if (await db.Roles.AnyAsync(r => r.OrganizationId == organizationId && r.NormalizedName == normalized && r.Id != roleId, cancellationToken))
            {
                errors["Name"] = [$"There is already a role named '{trimmed}'."];
            }
        }

        if (text is { Length: > DescriptionMaxLength })
        {
            errors["Description"] = [$"A description has at most {DescriptionMaxLength} characters."];
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : (trimmed, text);
    }

    private void Audit(CoopDbContext db, Actor actor, string action, string roleId, object details) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, action, "role", roleId,
            JsonSerializer.Serialize(details), time.GetUtcNow().UtcDateTime));

    private static async Task<RoleSummary> SummaryAsync(CoopDbContext db, string organizationId, string roleId, CancellationToken cancellationToken) =>
        (await ListRolesHandler.LoadAsync(db, organizationId, cancellationToken)).Single(r => r.Id == roleId);
}
