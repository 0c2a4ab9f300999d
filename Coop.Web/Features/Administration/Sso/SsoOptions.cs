namespace Coop.Web.Features.Administration.Sso;

/// <summary>Host-level single sign-on switches (the per-organization settings are in the database).</summary>
public sealed class SsoOptions
{
    public const string SectionName = "Sso";

    /// <summary>
    /// Allows an <c>http://</c> authority (no TLS). Off by default: only for development and tests against a local
    /// provider; a production identity provider is always https.
    /// </summary>
    public bool AllowHttpAuthority { get; set; }
}
