using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Organizations;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// The administration part of <c>config export</c>: roles with their permissions, single sign-on, the settings tabs and
/// the child-safety settings, never a secret (header values are null; the SSO client secret and the CyberTipline
/// credentials are left out). Sections an organization never saved are written with Coop's defaults (settings) or left
/// out (SSO, child safety, which have nothing to carry until saved).
/// </summary>
internal static class SettingsExport
{
    public static async Task<(List<RoleConfig> Roles, SsoConfig? Sso, SettingsConfig Settings, NcmecConfig? Ncmec)> ReadAsync(
        CoopDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var id = organization.Id;
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == id).ToListAsync(cancellationToken);
        var roleIds = roles.Select(r => r.Id).ToList();
        var claims = await db.RoleClaims.AsNoTracking().Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType)
            .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(cancellationToken);
        var roleConfigs = roles.OrderByDescending(r => r.IsSystem).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RoleConfig(r.Key, r.Name, r.Description, r.IsSystem,
                [.. claims.Where(c => c.RoleId == r.Id).Select(c => c.ClaimValue!).Distinct().Order(StringComparer.Ordinal)]))
            .ToList();

        var sso = await db.SingleSignOnSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == id, cancellationToken);
        SsoConfig? ssoConfig = null;
        if (sso is not null)
        {
            var breakGlass = sso.BreakGlassUserId is null ? null
                : await db.Users.AsNoTracking().Where(u => u.Id == sso.BreakGlassUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            ssoConfig = new SsoConfig(sso.Enabled, SettingsImport.ProviderWireName(sso.ProviderKind), sso.DisplayName, sso.Authority, sso.TenantId, sso.Instance,
                sso.ClientId, sso.Scopes, sso.AllowedDomains, roles.FirstOrDefault(r => r.Id == sso.DefaultRoleId)?.Key ?? sso.DefaultRoleId, sso.SsoOnly,
                breakGlass ?? sso.BreakGlassUserId);
        }

        var review = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == id, cancellationToken) ?? ReviewSettings.DefaultsFor(id);
        var thresholds = await db.StrikeThresholds.AsNoTracking().Where(t => t.OrganizationId == id).OrderBy(t => t.Threshold).ToListAsync(cancellationToken);
        var wellnessRow = await db.WellnessSettings.AsNoTracking().SingleOrDefaultAsync(w => w.OrganizationId == id && w.UserId == string.Empty, cancellationToken);
        var wellness = wellnessRow?.AsDefaults() ?? WellnessPreferences.Default;
        var settings = new SettingsConfig(
            new ReviewConsoleConfig(review.RequirePolicyForDecisions, review.RequireReasonOnAction, review.RequireReasonOnIgnore,
                review.AllowMultiplePoliciesPerAction, review.HideSkipForNonAdmins, review.IgnoreCallbackUrl, review.AppealCallbackUrl,
                [.. review.AppealHeaders.Select(h => new HeaderConfig(h.Name, null))]),
            new AppealsConfig(review.AppealsEnabled,
                [.. review.AppealUndoActions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AppealUndoConfig(p.Key, p.Value))]),
            new StrikesConfig(organization.StrikeTtlDays, [.. thresholds.Select(t => new StrikeThresholdConfig(
                t.Threshold,
                JsonSerializer.Deserialize<string[]>(t.ActionIds) ?? [],
                (JsonNode.Parse(t.ActionParameters) as JsonObject ?? []).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .ToDictionary(p => p.Key, p => p.Value?.DeepClone() as JsonObject, StringComparer.Ordinal)))]),
            new WellnessConfig(wellness.BlurLevel, wellness.Tone.ToString(), wellness.UnblurOnHover, wellness.MuteVideos),
            new PartialItemsConfig(review.PartialItemsEndpoint, [.. review.PartialItemsHeaders.Select(h => new HeaderConfig(h.Name, null))]));

        var ncmec = await db.NcmecSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == id, cancellationToken);
        var ncmecConfig = ncmec is null ? null : new NcmecConfig(
            ncmec.ActiveEnvironment.ToString(), ncmec.ReporterEmail, ncmec.ContactFirstName, ncmec.ContactLastName, ncmec.ContactPhone, ncmec.ContactEmail,
            ncmec.CompanyTemplate, ncmec.EspServiceName, ncmec.TermsOfService, ncmec.LegalUrl, ncmec.MoreInfoUrl, ncmec.DefaultInternetDetailType?.ToString(),
            ncmec.AdditionalInfoWebhookUrl, ncmec.PreservationWebhookUrl, ncmec.MediaReviewRequirement.ToString(), ncmec.MinimumMediaToReview,
            ncmec.PostReportActionIds, ncmec.PostReportPolicyIds);
        return (roleConfigs, ssoConfig, settings, ncmecConfig);
    }
}
