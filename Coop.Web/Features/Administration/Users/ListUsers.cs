using Coop.Domain.Authorization;
using Coop.Infrastructure.Email;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Users;

/// <summary>The organization's users and invitations, with the roles an admin can assign.</summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record ListUsersQuery;

public sealed record UsersOverview(
    IReadOnlyList<UserRow> Users, IReadOnlyList<InvitationRow> Invitations, IReadOnlyList<RoleChoice> Roles, bool EmailConfigured);

public sealed record UserRow(
    string Id, string Name, string Email, string? RoleId, string? RoleName, bool IsDeactivated, DateTime? LastSignInAt,
    bool SsoLinked, bool TwoFactorEnabled, bool IsMe);

public sealed record InvitationRow(string Id, string Email, string RoleName, DateTime CreatedAt, DateTime ExpiresAt, string Status);

public sealed record RoleChoice(string Id, string Name);

internal sealed class ListUsersHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IEmailSender email, TimeProvider time)
    : IQueryHandler<ListUsersQuery, UsersOverview>
{
    public async Task<UsersOverview> HandleAsync(ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId)
            .Select(r => new { r.Id, r.Key, r.Name, r.IsSystem }).ToListAsync(cancellationToken);
        var order = DefaultRoles.All.Select(r => r.Key).ToList();
        var roleChoices = roles.OrderBy(r => r.IsSystem && order.Contains(r.Key) ? order.IndexOf(r.Key) : order.Count)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => new RoleChoice(r.Id, r.Name ?? r.Key)).ToList();
        var names = roleChoices.ToDictionary(r => r.Id, r => r.Name);

        var users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == actor.OrganizationId)
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.Email, u.IsDeactivated, u.LastSignInAt, u.TwoFactorEnabled,
                RoleId = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).FirstOrDefault(),
                Sso = db.UserLogins.Any(l => l.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == actor.OrganizationId && i.AcceptedAt == null)
            .OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);

        return new UsersOverview(
            [.. users.OrderBy(u => u.IsDeactivated).ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u => new UserRow(
                u.Id, Name(u.FirstName, u.LastName, u.Email), u.Email ?? u.Id, u.RoleId, u.RoleId is null ? null : names.GetValueOrDefault(u.RoleId),
                u.IsDeactivated, u.LastSignInAt, u.Sso, u.TwoFactorEnabled, u.Id == actor.UserId))],
            [.. invitations.Select(i => new InvitationRow(i.Id, i.Email, names.GetValueOrDefault(i.RoleId) ?? "(deleted role)", i.CreatedAt, i.ExpiresAt,
                i.RevokedAt is not null ? "Revoked" : i.ExpiresAt <= now ? "Expired" : "Pending"))],
            roleChoices,
            email.IsConfigured);
    }

    private static string Name(string? first, string? last, string? email) =>
        string.Join(' ', new[] { first, last }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : email ?? string.Empty;
}
