using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Rules.Signals;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Integrations;

/// <summary>
/// Organizations' signal settings in <c>SignalSettings</c>: plain values as JSON, secret values as one JSON object
/// encrypted with ASP.NET Core Data Protection (keys in the database, so every node can read them). Reads are cached
/// for <see cref="CacheLifetime"/> per organization and signal; a save on this node invalidates at once, other nodes
/// catch up within the lifetime.
/// </summary>
public sealed partial class SignalSettingsStore(
    IDbContextFactory<CoopDbContext> factory, IDataProtectionProvider dataProtection, TimeProvider time, ILogger<SignalSettingsStore> logger)
    : ISignalSettingsSource
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private const string Purpose = "Coop.Signals.Settings.v1";
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<(string Organization, string Signal), (DateTimeOffset Expires, IReadOnlyDictionary<string, string> Values)> cache = new();

    public async ValueTask<IReadOnlyDictionary<string, string>> GetAsync(string organizationId, string signalId, CancellationToken cancellationToken)
    {
        var key = (organizationId, signalId);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Values;
        }

        var stored = await LoadAsync(organizationId, signalId, cancellationToken);
        var merged = stored is null ? Empty : stored.Merged();
        cache[key] = (now + CacheLifetime, merged);
        return merged;
    }

    /// <summary>The stored settings, secrets decrypted; null when the organization has none for the signal.</summary>
    public async Task<StoredSignalSettings?> LoadAsync(string organizationId, string signalId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.SignalSettings.AsNoTracking()
            .SingleOrDefaultAsync(s => s.OrganizationId == organizationId && s.SignalId == signalId, cancellationToken);
        return row is null ? null : Read(row);
    }

    public StoredSignalSettings Read(SignalSettings row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(row.ValuesJson) ?? [];
        var secrets = new Dictionary<string, string>();
        if (row.ProtectedSecrets is { } protectedSecrets)
        {
            try
            {
                secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(Protector(row.OrganizationId).Unprotect(protectedSecrets)) ?? [];
            }
            catch (CryptographicException)
            {
                // The Data Protection key ring lost the key: the secrets are unreadable, so the signal reads as unconfigured.
                LogUnreadableSecrets(logger, row.SignalId, row.OrganizationId);
            }
        }

        return new StoredSignalSettings(values, secrets, row.UpdatedAt);
    }

    /// <summary>Writes <paramref name="settings"/> into <paramref name="row"/> (secrets encrypted); the caller saves.</summary>
    public void Write(SignalSettings row, StoredSignalSettings settings, string? userId)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        var secrets = settings.Secrets.Count == 0 ? null : Protector(row.OrganizationId).Protect(JsonSerializer.Serialize(settings.Secrets));
        row.Set(JsonSerializer.Serialize(settings.Values), secrets, userId, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Forgets the cached settings after a save (this node; others within <see cref="CacheLifetime"/>).</summary>
    public void Invalidate(string organizationId, string signalId) => cache.TryRemove((organizationId, signalId), out _);

    private IDataProtector Protector(string organizationId) => dataProtection.CreateProtector(Purpose, organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The secret settings of signal {SignalId} for organization {OrganizationId} cannot be decrypted")]
    private static partial void LogUnreadableSecrets(ILogger logger, string signalId, string organizationId);
}

/// <summary>One organization's settings for one signal: plain values and secret values, by field key.</summary>
public sealed record StoredSignalSettings(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Secrets, DateTime? UpdatedAt = null)
{
    public IReadOnlyDictionary<string, string> Merged()
    {
        var merged = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (key, value) in Secrets)
        {
            merged[key] = value;
        }

        return merged;
    }
}
