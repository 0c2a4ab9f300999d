using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Administration.Sso;

internal sealed class SsoSettingsHandler(
    IDbContextFactory<CoopDbContext> factory,
    ICurrentUser currentUser,
    IDataProtectionProvider dataProtection,
    SsoSchemes schemes,
    SsoDiscoveryProbe probe,
    IOptions<SsoOptions> options,
    TimeProvider time)
    : IQueryHandler<GetSsoSettingsQuery, SsoSettingsView>, ICommandHandler<SaveSsoSettingsCommand, SsoSettingsView>,
      ICommandHandler<TestSsoConfigurationCommand, SsoTestResult>
{
    public async Task<SsoSettingsView> HandleAsync(GetSsoSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.SingleSignOnSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? SingleSignOnSettings.Create(actor.OrganizationId);
        return await ViewAsync(db, settings, cancellationToken);
    }

    public async Task<SsoSettingsView> HandleAsync(SaveSsoSettingsCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.SingleSignOnSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var configuration = SsoSettingsValidation.Normalize(command, options.Value.AllowHttpAuthority, errors);

        var secretWillBeSet = command.NewClientSecret is not null || (!command.ClearClientSecret && settings?.ProtectedClientSecret is not null);
        if (command.Enabled && !secretWillBeSet)
        {
            errors[nameof(command.NewClientSecret)] = ["Enter the client secret."];
        }

        var roles = await Roles(db, actor.OrganizationId).ToListAsync(cancellationToken);
        if (configuration.DefaultRoleId is { } roleId && roles.All(r => r.Id != roleId))
        {
            errors[nameof(command.DefaultRoleId)] = ["Choose one of the organization's roles."];
        }
        else if (configuration.DefaultRoleId is null && command.Enabled)
        {
            errors[nameof(command.DefaultRoleId)] = ["Choose the role new users get."];
        }

        if (command.SsoOnly)
        {
            var admins = await LocalAdmins(db, actor.OrganizationId, cancellationToken);
            if (configuration.BreakGlassUserId is null || admins.All(a => a.Id != configuration.BreakGlassUserId))
            {
                errors[nameof(command.BreakGlassUserId)] = ["Choose the local administrator who can still sign in with a password (break-glass account)."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (settings is null)
        {
            settings = SingleSignOnSettings.Create(actor.OrganizationId);
            db.SingleSignOnSettings.Add(settings);
        }

        var secretChange = "kept";
        if (command.NewClientSecret is { } newSecret)
        {
            settings.SetClientSecret(SsoSchemes.SecretProtector(dataProtection, actor.OrganizationId).Protect(newSecret), actor.UserId, now);
            secretChange = "replaced";
        }
        else if (command.ClearClientSecret && settings.ProtectedClientSecret is not null)
        {
            settings.SetClientSecret(null, actor.UserId, now);
            secretChange = "cleared";
        }

        settings.Configure(configuration, actor.UserId, now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "sso.updated", "organization", actor.OrganizationId,
            Describe(settings, secretChange), now));
        await db.SaveChangesAsync(cancellationToken);
        await schemes.InvalidateAsync(cancellationToken);
        return await ViewAsync(db, settings, cancellationToken);
    }

    public async Task<SsoTestResult> HandleAsync(TestSsoConfigurationCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        _ = await currentUser.RequireActorAsync();
        var errors = new Dictionary<string, string[]>();
        var configuration = SsoSettingsValidation.Normalize(
            new SaveSsoSettingsCommand(true, command.ProviderKind, null, command.Authority, command.TenantId, command.Instance, "test", null, false, null, [], null, false, null),
            options.Value.AllowHttpAuthority, errors);
        foreach (var key in new[] { nameof(command.Authority), nameof(command.TenantId), nameof(command.Instance) })
        {
            if (errors.TryGetValue(key, out var messages))
            {
                throw new ValidationFailedException(new Dictionary<string, string[]> { [key] = messages });
            }
        }

        var probeSettings = SingleSignOnSettings.Create("probe");
        probeSettings.Configure(configuration, null, time.GetUtcNow().UtcDateTime);
        return await probe.FetchAsync(probeSettings.EffectiveAuthority!, command.ProviderKind == SsoProviderKind.GenericOidc, cancellationToken);
    }

    private static string Describe(SingleSignOnSettings s, string secretChange) =>
        $"Single sign-on {(s.Enabled ? "on" : "off")}: {s.ProviderKind} {s.EffectiveAuthority ?? "(no authority)"}, client id {s.ClientId ?? "(none)"}, "
        + $"secret {secretChange}, scopes '{s.Scopes}', domains {(s.AllowedDomains.Count == 0 ? "any" : string.Join(", ", s.AllowedDomains))}, "
        + $"default role {s.DefaultRoleId ?? "(none)"}, SSO only {(s.SsoOnly ? $"on (break-glass user {s.BreakGlassUserId})" : "off")}.";

    private static IQueryable<SsoChoice> Roles(CoopDbContext db, string organizationId) =>
        db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId).OrderBy(r => r.Name).Select(r => new SsoChoice(r.Id, r.Name ?? r.Key));

    /// <summary>Members with a password whose role grants Manage organization: the possible break-glass accounts.</summary>
    private static async Task<List<SsoChoice>> LocalAdmins(CoopDbContext db, string organizationId, CancellationToken cancellationToken)
    {
        var adminRoleIds = db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.ManageOrg).Select(c => c.RoleId);
        var users = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            where u.OrganizationId == organizationId && u.PasswordHash != null && adminRoleIds.Contains(ur.RoleId)
            select new { u.Id, u.Email }).Distinct().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u => new SsoChoice(u.Id, u.Email ?? u.Id))];
    }

    private static async Task<SsoSettingsView> ViewAsync(CoopDbContext db, SingleSignOnSettings s, CancellationToken cancellationToken) =>
        new(s.Enabled, s.ProviderKind, s.DisplayName, s.Authority, s.TenantId, s.Instance, s.ClientId, s.ProtectedClientSecret is not null,
            s.ClientSecretChangedAt, s.Scopes, s.AllowedDomains, s.DefaultRoleId, s.SsoOnly, s.BreakGlassUserId,
            s.UpdatedAt == default ? null : s.UpdatedAt, SsoSchemes.CallbackPathFor(s.OrganizationId),
            await Roles(db, s.OrganizationId).ToListAsync(cancellationToken), await LocalAdmins(db, s.OrganizationId, cancellationToken));
}
