using System.Text.Json.Nodes;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// A role in a configuration file, matched by <c>key</c> (system roles: ADMIN, MODERATOR …; custom roles: their own key).
/// <c>permissions</c> replaces the role's permissions; <c>isSystem</c> is informational (a new key always makes a custom role).
/// </summary>
public sealed record RoleConfig(string? Key, string? Name, string? Description = null, bool? IsSystem = null, IReadOnlyList<string>? Permissions = null);

/// <summary>
/// Single sign-on without its client secret, which is never exported. <c>defaultRole</c> is a role key and
/// <c>breakGlassUser</c> an email. <c>providerKind</c> is GENERIC_OIDC or ENTRA_ID. On import into an organization that
/// has no client secret saved, a file with <c>enabled: true</c> is imported turned off (and not SSO-only), with a warning.
/// </summary>
public sealed record SsoConfig(
    bool? Enabled,
    string? ProviderKind = null,
    string? DisplayName = null,
    string? Authority = null,
    string? TenantId = null,
    string? Instance = null,
    string? ClientId = null,
    string? Scopes = null,
    IReadOnlyList<string>? AllowedDomains = null,
    string? DefaultRole = null,
    bool? SsoOnly = null,
    string? BreakGlassUser = null);

/// <summary>The organization settings tabs (Review console, Appeals, Strikes, Wellness, Partial items); a missing section is left alone.</summary>
public sealed record SettingsConfig(
    ReviewConsoleConfig? ReviewConsole = null,
    AppealsConfig? Appeals = null,
    StrikesConfig? Strikes = null,
    WellnessConfig? Wellness = null,
    PartialItemsConfig? PartialItems = null);

/// <summary>Settings → Review console. Header values are secrets: exported as null; a null value keeps the saved one.</summary>
public sealed record ReviewConsoleConfig(
    bool? RequirePolicyForDecisions = null,
    bool? RequireReasonOnAction = null,
    bool? RequireReasonOnIgnore = null,
    bool? AllowMultiplePoliciesPerAction = null,
    bool? HideSkipForNonAdmins = null,
    string? IgnoreCallbackUrl = null,
    string? AppealCallbackUrl = null,
    IReadOnlyList<HeaderConfig>? AppealCallbackHeaders = null);

/// <summary>Settings → Appeals: on or off, and the action that undoes each appealed action.</summary>
public sealed record AppealsConfig(bool? Enabled = null, IReadOnlyList<AppealUndoConfig>? UndoActions = null);

public sealed record AppealUndoConfig(string? AppealedActionId, string? UndoActionId);

/// <summary>Settings → Strikes: the strike window and every threshold (a list replaces the organization's thresholds).</summary>
public sealed record StrikesConfig(int? StrikeTtlDays = null, IReadOnlyList<StrikeThresholdConfig>? Thresholds = null);

public sealed record StrikeThresholdConfig(int? Threshold, IReadOnlyList<string>? ActionIds = null, IReadOnlyDictionary<string, JsonObject?>? Parameters = null);

/// <summary>Settings → Wellness: the organization's defaults. <c>tone</c> is Colour, Grayscale or Sepia.</summary>
public sealed record WellnessConfig(int? BlurLevel = null, string? Tone = null, bool? UnblurOnHover = null, bool? MuteVideos = null);

/// <summary>Settings → Partial items. Header values are secrets: exported as null; a null value keeps the saved one.</summary>
public sealed record PartialItemsConfig(string? Endpoint = null, IReadOnlyList<HeaderConfig>? Headers = null);

/// <summary>
/// Settings → Child Safety without the CyberTipline credentials (never exported, never imported). Enumerations by name:
/// <c>activeEnvironment</c> Test or Production, <c>mediaReviewRequirement</c> All or Minimum, <c>defaultInternetDetailType</c>
/// WebPage, Email, Newsgroup, ChatIm, OnlineGaming, CellPhone, NonInternet or PeerToPeer.
/// </summary>
public sealed record NcmecConfig(
    string? ActiveEnvironment = null,
    string? ReporterEmail = null,
    string? ContactFirstName = null,
    string? ContactLastName = null,
    string? ContactPhone = null,
    string? ContactEmail = null,
    string? CompanyTemplate = null,
    string? EspServiceName = null,
    string? TermsOfService = null,
    string? LegalUrl = null,
    string? MoreInfoUrl = null,
    string? DefaultInternetDetailType = null,
    string? AdditionalInfoWebhookUrl = null,
    string? PreservationWebhookUrl = null,
    string? MediaReviewRequirement = null,
    int? MinimumMediaToReview = null,
    IReadOnlyList<string>? PostReportActionIds = null,
    IReadOnlyList<string>? PostReportPolicyIds = null);
