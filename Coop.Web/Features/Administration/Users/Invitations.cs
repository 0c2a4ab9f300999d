using System.Net.Mail;
using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Email;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Users;

/// <summary>
/// Invites someone with a role. The link (built on <see cref="BaseUri"/>) is returned once; when <see cref="SendEmail"/>
/// and SMTP is configured it is also emailed. Field keys: <c>Email</c>, <c>RoleId</c>, <c>ExpiresInDays</c>.
/// </summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record CreateInvitationCommand(string Email, string RoleId, int ExpiresInDays, string BaseUri, bool SendEmail = false);

/// <summary>The one-time link of a new invitation; <see cref="EmailError"/> says why emailing it failed, if it did.</summary>
public sealed record IssuedLink(string Id, string Link, bool Emailed, string? EmailError = null);

/// <summary>Revokes a pending invitation: its link stops working.</summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record RevokeInvitationCommand(string InvitationId);

internal sealed class InvitationsHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IEmailSender email, TimeProvider time, ILogger<InvitationsHandler> logger)
    : ICommandHandler<CreateInvitationCommand, IssuedLink>, ICommandHandler<RevokeInvitationCommand, bool>
{
    public async Task<IssuedLink> HandleAsync(CreateInvitationCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var address = (command.Email ?? string.Empty).Trim();
        var normalizedEmail = address.ToUpperInvariant();
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || address.Length > Invitation.EmailMaxLength)
        {
            errors["Email"] = ["Enter a valid email address."];
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            errors["Email"] = ["Someone already has an account with this email."];
        }

        var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.RoleId && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (role is null)
        {
            errors["RoleId"] = ["Choose a role."];
        }

        if (command.ExpiresInDays < 1 || command.ExpiresInDays > Invitation.MaxLifetime.TotalDays)
        {
            errors["ExpiresInDays"] = [$"An invitation lasts from 1 to {Invitation.MaxLifetime.TotalDays} days."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var (invitation, token) = Invitation.Create(actor.OrganizationId, address, role!.Id, TimeSpan.FromDays(command.ExpiresInDays), actor.UserId, now);
        db.Invitations.Add(invitation);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "invitation.created", "invitation", invitation.Id,
            JsonSerializer.Serialize(new { after = new { email = address, role = role.Name, expiresAt = invitation.ExpiresAt } }), now));
        await db.SaveChangesAsync(cancellationToken);

        var link = $"{command.BaseUri.TrimEnd('/')}/account/invitation/{token}";
        if (!command.SendEmail || !email.IsConfigured)
        {
            return new IssuedLink(invitation.Id, link, false);
        }

        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == actor.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        try
        {
            await email.SendAsync(address, $"You are invited to {organization} on Coop",
                $"{actor.Name} invited you to join {organization} on Coop as {role.Name}.\n\nAccept the invitation (valid until {invitation.ExpiresAt:u}):\n{link}\n",
                cancellationToken);
            return new IssuedLink(invitation.Id, link, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not email invitation {InvitationId}", invitation.Id);
            return new IssuedLink(invitation.Id, link, false, "The email could not be sent; give the person the link yourself.");
        }
    }

    public async Task<bool> HandleAsync(RevokeInvitationCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId && i.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such invitation.");
        if (invitation.AcceptedAt is not null)
        {
            throw new ValidationFailedException(string.Empty, "The invitation was already accepted.");
        }

        if (invitation.RevokedAt is not null)
        {
            return false;
        }

        invitation.Revoke(now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "invitation.revoked", "invitation", invitation.Id,
            JsonSerializer.Serialize(new { email = invitation.Email }), now));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
