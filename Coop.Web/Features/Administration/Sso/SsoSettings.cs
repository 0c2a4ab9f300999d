using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Web.Application;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>Settings → Single sign-on as the page shows it: never the client secret, only whether one is set and when it changed.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetSsoSettingsQuery;

/// <summary>
/// Saves the organization's single sign-on. <see cref="NewClientSecret"/> null keeps the saved secret, a value replaces it;
/// <see cref="ClearClientSecret"/> removes it. <see cref="AllowedDomains"/> empty allows any domain.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveSsoSettingsCommand(
    bool Enabled,
    SsoProviderKind ProviderKind,
    string? DisplayName,
    string? Authority,
    string? TenantId,
    string? Instance,
    string? ClientId,
    string? NewClientSecret,
    bool ClearClientSecret,
    string? Scopes,
    IReadOnlyList<string> AllowedDomains,
    string? DefaultRoleId,
    bool SsoOnly,
    string? BreakGlassUserId);

/// <summary>Fetches the provider's discovery document (through the outbound policy) to check the authority.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record TestSsoConfigurationCommand(SsoProviderKind ProviderKind, string? Authority, string? TenantId, string? Instance);

public sealed record SsoSettingsView(
    bool Enabled,
    SsoProviderKind ProviderKind,
    string? DisplayName,
    string? Authority,
    string? TenantId,
    string? Instance,
    string? ClientId,
    bool ClientSecretSet,
    DateTime? ClientSecretChangedAt,
    string Scopes,
    IReadOnlyList<string> AllowedDomains,
    string? DefaultRoleId,
    bool SsoOnly,
    string? BreakGlassUserId,
    DateTime? UpdatedAt,
    string CallbackPath,
    IReadOnlyList<SsoChoice> Roles,
    IReadOnlyList<SsoChoice> LocalAdmins);

/// <summary>A role or a user to choose from: id and label.</summary>
public sealed record SsoChoice(string Id, string Label);

public sealed record SsoTestResult(bool Succeeded, string Message);
