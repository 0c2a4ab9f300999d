using System.Security.Cryptography;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>
/// The organizations' single sign-on providers as authentication schemes, configured from the database at runtime:
/// one OpenID Connect scheme <c>sso-{organization}</c> per enabled organization, added to and removed from
/// <see cref="IAuthenticationSchemeProvider"/> as settings change, with its options built by
/// <see cref="SsoOpenIdConnectOptionsSetup"/> from the snapshot held here. A save on this node invalidates at once (the
/// options cache entry is dropped so the next request builds fresh options); other nodes reload within
/// <see cref="RefreshInterval"/>, before any sign-in request (see <see cref="SsoServices.UseSingleSignOn"/>).
/// </summary>
public sealed partial class SsoSchemes(
    IDbContextFactory<CoopDbContext> factory,
    IDataProtectionProvider dataProtection,
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitorCache<OpenIdConnectOptions> optionsCache,
    TimeProvider time,
    ILogger<SsoSchemes> logger) : IDisposable
{
    public const string SchemePrefix = "sso-";
    public const string SecretPurpose = "Coop.Sso.ClientSecret.v1";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Snapshot current = new(DateTimeOffset.MinValue, new Dictionary<string, SsoProvider>());

    public static string SchemeFor(string organizationId) => SchemePrefix + organizationId;

    /// <summary>The redirect URI path the provider sends the browser back to (register it at the provider).</summary>
    public static string CallbackPathFor(string organizationId) => "/signin-oidc/" + organizationId;

    public static IDataProtector SecretProtector(IDataProtectionProvider provider, string organizationId) =>
        provider.CreateProtector(SecretPurpose, organizationId);

    /// <summary>The enabled providers by organization id, reloaded first when the snapshot is older than <see cref="RefreshInterval"/>.</summary>
    public async ValueTask<IReadOnlyDictionary<string, SsoProvider>> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = current;
        if (snapshot.LoadedAt + RefreshInterval > time.GetUtcNow())
        {
            return snapshot.Providers;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current.LoadedAt + RefreshInterval > time.GetUtcNow())
            {
                return current.Providers;
            }

            current = await LoadAsync(current, cancellationToken);
            return current.Providers;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The provider from the current snapshot, without reloading (the options setup runs synchronously).</summary>
    public SsoProvider? Find(string organizationId) => current.Providers.GetValueOrDefault(organizationId);

    /// <summary>Called after a save: the next <see cref="GetAsync"/> reloads and rebuilds the changed schemes.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            current = current with { LoadedAt = DateTimeOffset.MinValue };
        }
        finally
        {
            gate.Release();
        }

        await GetAsync(cancellationToken);
    }

    private async Task<Snapshot> LoadAsync(Snapshot previous, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from s in db.SingleSignOnSettings.AsNoTracking()
            join o in db.Organizations.AsNoTracking() on s.OrganizationId equals o.Id
            where s.Enabled
            select new { Settings = s, OrganizationName = o.Name }).ToListAsync(cancellationToken);

        var providers = new Dictionary<string, SsoProvider>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var s = row.Settings;
            if (s.EffectiveAuthority is not { } authority || string.IsNullOrWhiteSpace(s.ClientId))
            {
                continue;
            }

            string? secret = null;
            if (s.ProtectedClientSecret is { } protectedSecret)
            {
                try
                {
                    secret = SecretProtector(dataProtection, s.OrganizationId).Unprotect(protectedSecret);
                }
                catch (CryptographicException)
                {
                    LogUnreadableSecret(logger, s.OrganizationId);
                    continue;
                }
            }

            providers[s.OrganizationId] = new SsoProvider(s.OrganizationId, row.OrganizationName, s.ButtonName, s.ProviderKind, authority, s.ClientId,
                secret, s.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.SsoOnly, s.UpdatedAt);
        }

        // The options setup reads the snapshot, so it must be current before a new scheme becomes visible.
        current = new Snapshot(previous.LoadedAt, providers);
        foreach (var (organizationId, provider) in providers)
        {
            var scheme = SchemeFor(organizationId);
            if (!previous.Providers.TryGetValue(organizationId, out var before) || before.UpdatedAt != provider.UpdatedAt)
            {
                optionsCache.TryRemove(scheme);
            }

            if (await schemes.GetSchemeAsync(scheme) is null)
            {
                schemes.TryAddScheme(new AuthenticationScheme(scheme, provider.ButtonName, typeof(OpenIdConnectHandler)));
                LogSchemeAdded(logger, organizationId);
            }
        }

        foreach (var organizationId in previous.Providers.Keys.Where(id => !providers.ContainsKey(id)))
        {
            schemes.RemoveScheme(SchemeFor(organizationId));
            optionsCache.TryRemove(SchemeFor(organizationId));
            LogSchemeRemoved(logger, organizationId);
        }

        return new Snapshot(time.GetUtcNow(), providers);
    }

    public void Dispose() => gate.Dispose();

    private sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyDictionary<string, SsoProvider> Providers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The single sign-on client secret of organization {OrganizationId} cannot be decrypted; its sign-in is off")]
    private static partial void LogUnreadableSecret(ILogger logger, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on is on for organization {OrganizationId}")]
    private static partial void LogSchemeAdded(ILogger logger, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on is off for organization {OrganizationId}")]
    private static partial void LogSchemeRemoved(ILogger logger, string organizationId);
}
