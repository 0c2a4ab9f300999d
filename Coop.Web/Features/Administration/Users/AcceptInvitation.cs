using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Users;

/// <summary>What an invitation link offers (null when the token is unknown, used, revoked or expired). Anyone holding the link may ask.</summary>
[AllowAnonymousUse]
public sealed record GetInvitationQuery(string Token);

public sealed record InvitationInfo(string Email, string OrganizationName, string RoleName, DateTime ExpiresAt);

/// <summary>Accepts an invitation: creates the user with the invited email and role. Field keys: <c>FirstName</c>, <c>LastName</c>, <c>Password</c>.</summary>
[AllowAnonymousUse]
public sealed record AcceptInvitationCommand(string Token, string? FirstName, string? LastName, string Password);

internal sealed class AcceptInvitationHandler(IServiceScopeFactory scopes, TimeProvider time)
    : IQueryHandler<GetInvitationQuery, InvitationInfo?>, ICommandHandler<AcceptInvitationCommand, string>
{
    public async Task<InvitationInfo?> HandleAsync(GetInvitationQuery query, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        var invitation = await FindAsync(db, query.Token, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().Where(r => r.Id == invitation.RoleId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        return new InvitationInfo(invitation.Email, organization, role ?? "?", invitation.ExpiresAt);
    }

    public async Task<string> HandleAsync(AcceptInvitationCommand command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoopDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await FindAsync(db, command.Token, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "This invitation is no longer valid. Ask an administrator for a new one.");
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == invitation.RoleId && r.OrganizationId == invitation.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "The invited role no longer exists. Ask an administrator for a new invitation.");
        var first = Trim(command.FirstName, "FirstName");
        var last = Trim(command.LastName, "LastName");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new CoopUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            OrganizationId = invitation.OrganizationId,
            FirstName = first,
            LastName = last,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user, command.Password ?? string.Empty);
        if (!created.Succeeded)
        {
            throw new ValidationFailedException(created.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : string.Empty)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray()));
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.Invitations.Attach(invitation);
        invitation.Accept(user.Id, now);
        db.AuditEntries.Add(AuditEntry.Record(invitation.OrganizationId, user.Id, user.Email!, "invitation.accepted", "user", user.Id,
            JsonSerializer.Serialize(new { invitation = invitation.Id, email = user.Email, role = role.Name }), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user.Id;
    }

    private async Task<Invitation?> FindAsync(CoopDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var hash = Invitation.Hash(token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is not null && invitation.IsPending(time.GetUtcNow().UtcDateTime) ? invitation : null;
    }

    private static string? Trim(string? value, string field)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return trimmed is { Length: > 100 } ? throw new ValidationFailedException(field, "At most 100 characters.") : trimmed;
    }
}
