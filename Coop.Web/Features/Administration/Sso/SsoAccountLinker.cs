using System.Security.Claims;
using Coop.Domain.Audit;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>
/// Turns a provider's verified identity into a Coop user of the organization: the user already linked by external
/// login (issuer + subject); else the user with the same verified email, linked now; else a new user with the default
/// role, linked. Refuses (with a reason for the sign-in page) when SSO is off, the email is missing, unverified or of a
/// domain not allowed, the account is deactivated, or it belongs to another organization.
/// </summary>
public sealed partial class SsoAccountLinker(CoopDbContext db, UserManager<CoopUser> users, TimeProvider time, ILogger<SsoAccountLinker> logger)
{
    public async Task<SsoSignInResult> ResolveAsync(string organizationId, ClaimsPrincipal external, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(external);
        var settings = await db.SingleSignOnSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (settings is not { Enabled: true })
        {
            return SsoSignInResult.Refused(SsoRefusal.Disabled);
        }

        var subject = external.FindFirst("sub")?.Value ?? external.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var issuer = external.FindFirst("iss")?.Value ?? external.FindFirst("sub")?.Issuer;
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(issuer))
        {
            return SsoSignInResult.Refused(SsoRefusal.Failed);
        }

        var email = external.FindFirst("email")?.Value?.Trim();
        var linked = await users.FindByLoginAsync(issuer, subject);
        if (linked is not null)
        {
            return await CheckAsync(linked, organizationId, settings, email ?? linked.Email);
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return SsoSignInResult.Refused(SsoRefusal.EmailMissing);
        }

        if (!IsVerified(external, settings.ProviderKind))
        {
            return SsoSignInResult.Refused(SsoRefusal.EmailUnverified);
        }

        if (!settings.AllowsEmail(email))
        {
            LogDomainRefused(logger, organizationId);
            return SsoSignInResult.Refused(SsoRefusal.DomainNotAllowed);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var login = new UserLoginInfo(issuer, subject, settings.ButtonName);
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            var checkedUser = await CheckAsync(existing, organizationId, settings, email);
            if (checkedUser.User is null)
            {
                return checkedUser;
            }

            db.AuditEntries.Add(AuditEntry.Record(organizationId, existing.Id, existing.Email ?? existing.Id, "user.sso-linked", "user", existing.Id,
                $"Linked {existing.Email} to {settings.ButtonName} on their first single sign-on.", now));
            return await LinkAsync(existing, login);
        }

        var role = settings.DefaultRoleId is null ? null
            : await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == settings.DefaultRoleId && r.OrganizationId == organizationId, cancellationToken);
        if (role is null)
        {
            return SsoSignInResult.Refused(SsoRefusal.NoDefaultRole);
        }

        var (firstName, lastName) = Names(external);
        var user = new CoopUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            OrganizationId = organizationId,
            FirstName = firstName,
            LastName = lastName,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            LogProvisionFailed(logger, organizationId, string.Join("; ", created.Errors.Select(e => e.Code)));
            return SsoSignInResult.Refused(SsoRefusal.Failed);
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.AuditEntries.Add(AuditEntry.Record(organizationId, user.Id, email, "user.created", "user", user.Id,
            $"Created user {email} with role {role.Name} on first sign-in through {settings.ButtonName}.", now));
        return await LinkAsync(user, login);
    }

    /// <summary>
    /// Whether the account may sign in. Deactivation hook: until users can be deactivated explicitly, a locked-out
    /// account counts as deactivated; an explicit flag (users page) belongs here too.
    /// </summary>
    private async Task<SsoSignInResult> CheckAsync(CoopUser user, string organizationId, SingleSignOnSettings settings, string? email)
    {
        if (user.OrganizationId != organizationId)
        {
            return SsoSignInResult.Refused(SsoRefusal.OtherOrganization);
        }

        if (email is not null && !settings.AllowsEmail(email))
        {
            return SsoSignInResult.Refused(SsoRefusal.DomainNotAllowed);
        }

        return await users.IsLockedOutAsync(user) ? SsoSignInResult.Refused(SsoRefusal.Deactivated) : SsoSignInResult.SignIn(user);
    }

    private async Task<SsoSignInResult> LinkAsync(CoopUser user, UserLoginInfo login)
    {
        // AddLoginAsync saves the context, with the role and audit rows added above, in one SaveChanges.
        var added = await users.AddLoginAsync(user, login);
        if (!added.Succeeded)
        {
            LogProvisionFailed(logger, user.OrganizationId, string.Join("; ", added.Errors.Select(e => e.Code)));
            return SsoSignInResult.Refused(SsoRefusal.Failed);
        }

        return SsoSignInResult.SignIn(user);
    }

    /// <summary>
    /// OpenID Connect's <c>email_verified</c>; for Entra ID, whose tokens carry no <c>email_verified</c>, the optional
    /// <c>xms_edov</c> claim (email domain owner verified).
    /// </summary>
    internal static bool IsVerified(ClaimsPrincipal external, SsoProviderKind kind)
    {
        static bool True(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
        return True(external.FindFirst("email_verified")?.Value)
            || (kind == SsoProviderKind.EntraId && True(external.FindFirst("xms_edov")?.Value));
    }

    private static (string? First, string? Last) Names(ClaimsPrincipal external)
    {
        var first = external.FindFirst("given_name")?.Value?.Trim();
        var last = external.FindFirst("family_name")?.Value?.Trim();
        if (!string.IsNullOrEmpty(first) || !string.IsNullOrEmpty(last))
        {
            return (NullIfEmpty(first), NullIfEmpty(last));
        }

        var name = external.FindFirst("name")?.Value?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        var space = name.LastIndexOf(' ');
        return space < 0 ? (name, null) : (name[..space].Trim(), name[(space + 1)..].Trim());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on refused for organization {OrganizationId}: email domain not allowed")]
    private static partial void LogDomainRefused(ILogger logger, string organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on could not create or link the user in organization {OrganizationId}: {Errors}")]
    private static partial void LogProvisionFailed(ILogger logger, string organizationId, string errors);
}

/// <summary>The user to sign in, or why not.</summary>
public sealed record SsoSignInResult(CoopUser? User, SsoRefusal? Refusal)
{
    public static SsoSignInResult SignIn(CoopUser user) => new(user, null);

    public static SsoSignInResult Refused(SsoRefusal refusal) => new(null, refusal);
}
