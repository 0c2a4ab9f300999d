using Coop.Domain.Organizations;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>One organization's enabled single sign-on as the OpenID Connect handler needs it (secret decrypted, in memory only).</summary>
public sealed record SsoProvider(
    string OrganizationId,
    string OrganizationName,
    string ButtonName,
    SsoProviderKind Kind,
    string Authority,
    string ClientId,
    string? ClientSecret,
    IReadOnlyList<string> Scopes,
    bool SsoOnly,
    DateTime UpdatedAt)
{
    /// <summary>The authentication scheme of this organization's provider.</summary>
    public string Scheme => SsoSchemes.SchemeFor(OrganizationId);
}
