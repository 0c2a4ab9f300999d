namespace Coop.Domain.Organizations;

/// <summary>
/// An organization's OpenID Connect single sign-on: which provider, the client registration (the secret only as an
/// encrypted blob the application encrypts and decrypts), who may sign in (email domains), the role new users get, and
/// whether passwords are refused for everyone but one break-glass account. One row per organization.
/// </summary>
public sealed class SingleSignOnSettings
{
    public const int DisplayNameMaxLength = 64;
    public const int UrlMaxLength = 2048;
    public const int ClientIdMaxLength = 256;
    public const int ScopesMaxLength = 512;
    public const int DomainsMaxLength = 4000;
    public const string DefaultScopes = "openid profile email";

    private SingleSignOnSettings()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    public SsoProviderKind ProviderKind { get; private set; } = SsoProviderKind.GenericOidc;

    /// <summary>The name on the sign-in button ("Okta", "Contoso Entra ID"); null for the kind's default.</summary>
    public string? DisplayName { get; private set; }

    /// <summary>Generic OIDC: the issuer / authority whose discovery document is at <c>.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; private set; }

    /// <summary>Entra ID: the directory (tenant) id or a verified domain.</summary>
    public string? TenantId { get; private set; }

    /// <summary>Entra ID: the cloud instance, <c>https://login.microsoftonline.com/</c> unless a national cloud.</summary>
    public string? Instance { get; private set; }

    public string? ClientId { get; private set; }

    /// <summary>The client secret, encrypted at rest; null when none is set. Never shown again once saved.</summary>
    public string? ProtectedClientSecret { get; private set; }

    public DateTime? ClientSecretChangedAt { get; private set; }

    /// <summary>Space-separated scopes; always includes <c>openid</c>.</summary>
    public string Scopes { get; private set; } = DefaultScopes;

    /// <summary>Allowed email domains, space-separated, lower case; empty allows any domain.</summary>
    public string AllowedEmailDomains { get; private set; } = string.Empty;

    /// <summary>The role (by id) a user signing in for the first time gets.</summary>
    public string? DefaultRoleId { get; private set; }

    /// <summary>When on, password sign-in is refused for every member of the organization except <see cref="BreakGlassUserId"/>.</summary>
    public bool SsoOnly { get; private set; }

    public string? BreakGlassUserId { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedByUserId { get; private set; }

    public static SingleSignOnSettings Create(string organizationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        return new SingleSignOnSettings { OrganizationId = organizationId };
    }

    public IReadOnlyList<string> AllowedDomains =>
        AllowedEmailDomains.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="email"/>'s domain may sign in (any when no domain is listed).</summary>
    public bool AllowsEmail(string email)
    {
        var at = (email ?? string.Empty).LastIndexOf('@');
        if (at <= 0 || at == email!.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        var allowed = AllowedDomains;
        return allowed.Count == 0 || allowed.Contains(domain, StringComparer.Ordinal);
    }

    /// <summary>Replaces the provider, client and access settings (already validated by the caller).</summary>
    public void Configure(SsoConfiguration configuration, string? userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Enabled = configuration.Enabled;
        ProviderKind = configuration.ProviderKind;
        DisplayName = configuration.DisplayName;
        Authority = configuration.Authority;
        TenantId = configuration.TenantId;
        Instance = configuration.Instance;
        ClientId = configuration.ClientId;
        Scopes = string.Join(' ', configuration.Scopes);
        AllowedEmailDomains = string.Join(' ', configuration.AllowedDomains);
        DefaultRoleId = configuration.DefaultRoleId;
        SsoOnly = configuration.SsoOnly;
        BreakGlassUserId = configuration.SsoOnly ? configuration.BreakGlassUserId : null;
        Touch(userId, now);
    }

    /// <summary>Sets (or with null clears) the encrypted client secret.</summary>
    public void SetClientSecret(string? protectedSecret, string? userId, DateTime now)
    {
        ProtectedClientSecret = string.IsNullOrEmpty(protectedSecret) ? null : protectedSecret;
        ClientSecretChangedAt = ProtectedClientSecret is null ? null : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        Touch(userId, now);
    }

    /// <summary>The authority the OpenID Connect client uses: the configured one, or the Entra v2.0 endpoint for the tenant.</summary>
    public string? EffectiveAuthority => ProviderKind switch
    {
        SsoProviderKind.EntraId when !string.IsNullOrWhiteSpace(TenantId) =>
            $"{(string.IsNullOrWhiteSpace(Instance) ? EntraDefaultInstance : Instance).TrimEnd('/')}/{TenantId}/v2.0",
        SsoProviderKind.EntraId => null,
        _ => Authority,
    };

    public const string EntraDefaultInstance = "https://login.microsoftonline.com/";

    public string ButtonName => !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName
        : ProviderKind == SsoProviderKind.EntraId ? "Microsoft" : "single sign-on";

    private void Touch(string? userId, DateTime now)
    {
        UpdatedByUserId = userId;
        UpdatedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
    }
}

/// <summary>The kind of identity provider: Microsoft Entra ID (tenant + instance) or any OpenID Connect issuer.</summary>
public enum SsoProviderKind
{
    GenericOidc = 0,
    EntraId = 1,
}

/// <summary>The validated, normalized non-secret settings to store.</summary>
public sealed record SsoConfiguration(
    bool Enabled, SsoProviderKind ProviderKind, string? DisplayName, string? Authority, string? TenantId, string? Instance,
    string? ClientId, IReadOnlyList<string> Scopes, IReadOnlyList<string> AllowedDomains, string? DefaultRoleId, bool SsoOnly, string? BreakGlassUserId);
