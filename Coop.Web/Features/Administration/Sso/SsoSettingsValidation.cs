using System.Text.RegularExpressions;
using Coop.Domain.Organizations;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>Field checks for <see cref="SaveSsoSettingsCommand"/> that need no database; errors keyed by the command's property names.</summary>
internal static partial class SsoSettingsValidation
{
    public static SsoConfiguration Normalize(SaveSsoSettingsCommand command, bool allowHttp, Dictionary<string, string[]> errors)
    {
        var displayName = Trimmed(command.DisplayName);
        if (displayName is { Length: > SingleSignOnSettings.DisplayNameMaxLength })
        {
            errors[nameof(command.DisplayName)] = [$"Use at most {SingleSignOnSettings.DisplayNameMaxLength} characters."];
        }

        string? authority = null, tenantId = null, instance = null;
        if (command.ProviderKind == SsoProviderKind.EntraId)
        {
            tenantId = Trimmed(command.TenantId);
            if (tenantId is not null && !TenantPattern().IsMatch(tenantId))
            {
                errors[nameof(command.TenantId)] = ["Enter the directory (tenant) id, a GUID, or a verified domain such as contoso.onmicrosoft.com."];
            }
            else if (tenantId is null && command.Enabled)
            {
                errors[nameof(command.TenantId)] = ["Enter the directory (tenant) id."];
            }

            instance = Trimmed(command.Instance);
            if (instance is not null && UrlError(instance, allowHttp) is { } instanceError)
            {
                errors[nameof(command.Instance)] = [instanceError];
            }
        }
        else
        {
            authority = Trimmed(command.Authority);
            if (authority is not null && UrlError(authority, allowHttp) is { } authorityError)
            {
                errors[nameof(command.Authority)] = [authorityError];
            }
            else if (authority is null && command.Enabled)
            {
                errors[nameof(command.Authority)] = ["Enter the issuer (authority) URL."];
            }
        }

        var clientId = Trimmed(command.ClientId);
        if (clientId is { Length: > SingleSignOnSettings.ClientIdMaxLength })
        {
            errors[nameof(command.ClientId)] = [$"Use at most {SingleSignOnSettings.ClientIdMaxLength} characters."];
        }
        else if (clientId is null && command.Enabled)
        {
            errors[nameof(command.ClientId)] = ["Enter the client (application) id."];
        }

        if (command.NewClientSecret is { } secret && (secret.Length == 0 || secret.Length > 1024 || secret.Trim().Length != secret.Length))
        {
            errors[nameof(command.NewClientSecret)] = ["Paste the client secret exactly, without spaces around it (at most 1024 characters)."];
        }

        var scopes = (command.Scopes ?? SingleSignOnSettings.DefaultScopes)
            .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Any(s => !ScopePattern().IsMatch(s)))
        {
            errors[nameof(command.Scopes)] = ["Scopes are words separated by spaces, such as openid profile email."];
        }
        else if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            errors[nameof(command.Scopes)] = ["The scopes must include openid."];
        }
        else if (string.Join(' ', scopes).Length > SingleSignOnSettings.ScopesMaxLength)
        {
            errors[nameof(command.Scopes)] = [$"Use at most {SingleSignOnSettings.ScopesMaxLength} characters."];
        }

        var domains = (command.AllowedDomains ?? [])
            .SelectMany(d => d.Split([' ', ',', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(d => d.TrimStart('@').ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var badDomains = domains.Where(d => !DomainPattern().IsMatch(d)).ToList();
        if (badDomains.Count > 0)
        {
            errors[nameof(command.AllowedDomains)] = [$"Not a domain name: {string.Join(", ", badDomains)}. Enter domains such as example.com, one per line."];
        }
        else if (string.Join(' ', domains).Length > SingleSignOnSettings.DomainsMaxLength)
        {
            errors[nameof(command.AllowedDomains)] = ["Too many domains."];
        }

        if (command.SsoOnly && !command.Enabled)
        {
            errors[nameof(command.SsoOnly)] = ["Turn single sign-on on before making it the only way to sign in."];
        }

        return new SsoConfiguration(command.Enabled, command.ProviderKind, displayName, authority, tenantId, instance, clientId, scopes, domains,
            Trimmed(command.DefaultRoleId), command.SsoOnly, Trimmed(command.BreakGlassUserId));
    }

    /// <summary>An absolute https URL without query or fragment (http only when the host allows it); null when fine.</summary>
    public static string? UrlError(string url, bool allowHttp)
    {
        if (url.Length > SingleSignOnSettings.UrlMaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter an absolute https:// URL.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp)
        {
            return "The identity provider must use https://.";
        }

        return !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo)
            ? "Enter the issuer URL without a query, fragment or credentials."
            : null;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")]
    private static partial Regex TenantPattern();

    [GeneratedRegex(@"^[\x21\x23-\x5B\x5D-\x7E]{1,128}$")]
    private static partial Regex ScopePattern();
}
