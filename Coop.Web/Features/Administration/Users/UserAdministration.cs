using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Roles;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Users;

/// <summary>
/// Deactivates (<see cref="Active"/> false) or reactivates a user. A deactivated user cannot sign in, their open
/// sessions end at once and the jobs they hold go back to their queues.
/// </summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record SetUserActiveCommand(string UserId, bool Active);

/// <summary>Gives a user another role; their open sessions get the new permissions at once.</summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record AssignRoleCommand(string UserId, string RoleId);

internal sealed class UserAdministrationHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, JobClaims claims, TimeProvider time)
    : ICommandHandler<SetUserActiveCommand, bool>, ICommandHandler<AssignRoleCommand, bool>
{
    public async Task<bool> HandleAsync(SetUserActiveCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, actor.OrganizationId, command.UserId, cancellationToken);
        if (user.IsDeactivated != command.Active)
        {
            return false;
        }

        if (!command.Active)
        {
            if (user.Id == actor.UserId)
            {
                throw new ValidationFailedException(string.Empty, "You cannot deactivate yourself.");
            }

            var snapshot = await AccessSnapshot.LoadAsync(db, actor.OrganizationId, cancellationToken);
            snapshot.ActiveUserRoles.Remove(user.Id);
            snapshot.EnsureAdministrable(string.Empty);
        }

        user.IsDeactivated = !command.Active;
        user.SecurityStamp = Guid.NewGuid().ToString();
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, command.Active ? "user.reactivated" : "user.deactivated",
            "user", user.Id, JsonSerializer.Serialize(new { email = user.Email, before = new { deactivated = !command.Active }, after = new { deactivated = command.Active } }), now));
        await db.SaveChangesAsync(cancellationToken);
        await live.AnnounceAsync(actor.OrganizationId, user.Id, actor.UserId, cancellationToken);

        if (!command.Active)
        {
            var held = await db.ReviewJobs.AsNoTracking()
                .Where(j => j.OrganizationId == actor.OrganizationId && j.Status == JobStatus.Open && j.ClaimedByUserId == user.Id)
                .Select(j => j.Id).ToListAsync(cancellationToken);
            foreach (var jobId in held)
            {
                await claims.ReleaseAsync(actor.OrganizationId, jobId, user.Id, cancellationToken: cancellationToken);
            }
        }

        return true;
    }

    public async Task<bool> HandleAsync(AssignRoleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, actor.OrganizationId, command.UserId, cancellationToken);
        var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RoleId && r.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException("RoleId", "Choose a role.");
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(cancellationToken);
        if (current.Count == 1 && current[0].RoleId == role.Id)
        {
            return false;
        }

        var snapshot = await AccessSnapshot.LoadAsync(db, actor.OrganizationId, cancellationToken);
        if (snapshot.ActiveUserRoles.ContainsKey(user.Id))
        {
            snapshot.ActiveUserRoles[user.Id] = role.Id;
        }

        snapshot.EnsureAdministrable("RoleId");
        var beforeIds = current.Select(c => c.RoleId).ToList();
        var before = await db.Roles.AsNoTracking().Where(r => beforeIds.Contains(r.Id)).Select(r => r.Name).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "user.role-changed", "user", user.Id,
            JsonSerializer.Serialize(new { email = user.Email, before = new { roles = before }, after = new { roles = new[] { role.Name } } }), now));
        await db.SaveChangesAsync(cancellationToken);
        await live.AnnounceAsync(actor.OrganizationId, user.Id, actor.UserId, cancellationToken);
        return true;
    }

    internal static async Task<CoopUser> FindAsync(CoopDbContext db, string organizationId, string? userId, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.OrganizationId == organizationId, cancellationToken)
        ?? throw new ValidationFailedException(string.Empty, "There is no such user.");
}
