using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// Keys live in <c>WebhookSigningKeys</c>: the public key as PEM, the private key as PKCS#8 protected by
/// ASP.NET Core Data Protection (whose own keys are in the database, so every node can sign).
/// Decrypted keys are cached by key id (key rows never change). Which key is active is cached per organization
/// for <see cref="ActiveKeyCacheDuration"/>, so signing a batch does not read the database per message; a
/// rotation on this node clears that entry when it is saved, and other nodes pick it up within the duration.
/// </summary>
internal sealed class WebhookSigner(IDbContextFactory<CoopDbContext> factory, IDataProtectionProvider dataProtection, TimeProvider time)
    : IWebhookSigner, IDisposable
{
    private const string Purpose = "Coop.Webhooks.SigningKey.v1";
    /// <summary>How long this node keeps signing with the key it last saw active (a rotation on another node is seen within this).</summary>
    internal static readonly TimeSpan ActiveKeyCacheDuration = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, RSA> privateKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (WebhookSigningKey Key, DateTimeOffset Until)> activeKeys = new(StringComparer.Ordinal);
    private long generation;

    public async Task<string> SignAsync(string organizationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var key = await CachedActiveKeyAsync(organizationId, cancellationToken);
        var rsa = privateKeys.GetOrAdd(key.Id, _ => Unprotect(key));
        return Convert.ToBase64String(rsa.SignData(body.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public async Task<string> GetPublicKeyPemAsync(string organizationId, CancellationToken cancellationToken = default) =>
        (await ActiveKeyAsync(organizationId, cancellationToken)).PublicKeyPem;

    public async Task<SigningKeyInfo> RotateAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.WebhookSigningKeys.Where(k => k.ActiveOrganizationId == organizationId).ToListAsync(cancellationToken);
        active.ForEach(k => k.Retire(now));
        var key = Generate(organizationId, now);
        db.WebhookSigningKeys.Add(key);
        Forget(organizationId);
        db.SavedChanges += (_, _) => Forget(organizationId);
        return new SigningKeyInfo(key.Id, key.PublicKeyPem, key.CreatedAt, null);
    }

    public void Dispose()
    {
        foreach (var rsa in privateKeys.Values)
        {
            rsa.Dispose();
        }
    }

    private async Task<WebhookSigningKey> CachedActiveKeyAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (activeKeys.TryGetValue(organizationId, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Key;
        }

        // A rotation saved while this read was in flight must not be overwritten by the key read before it.
        var seen = Interlocked.Read(ref generation);
        var key = await ActiveKeyAsync(organizationId, cancellationToken);
        activeKeys[organizationId] = (key, time.GetUtcNow() + ActiveKeyCacheDuration);
        if (Interlocked.Read(ref generation) != seen)
        {
            activeKeys.TryRemove(organizationId, out _);
        }

        return key;
    }

    private void Forget(string organizationId)
    {
        Interlocked.Increment(ref generation);
        activeKeys.TryRemove(organizationId, out _);
    }

    private async Task<WebhookSigningKey> ActiveKeyAsync(string organizationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var existing = await db.WebhookSigningKeys.AsNoTracking()
                .SingleOrDefaultAsync(k => k.ActiveOrganizationId == organizationId, cancellationToken);
            if (existing is not null)
            {
                return existing;
            }

            var key = Generate(organizationId, time.GetUtcNow().UtcDateTime);
            db.WebhookSigningKeys.Add(key);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return key;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request (or node) made the first key at the same moment: the unique index kept one; use it.
            }
        }
    }

    private WebhookSigningKey Generate(string organizationId, DateTime now)
    {
        using var rsa = RSA.Create(2048);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            var protectedKey = Convert.ToBase64String(Protector(organizationId).Protect(pkcs8));
            return WebhookSigningKey.Create(organizationId, rsa.ExportSubjectPublicKeyInfoPem(), protectedKey, now);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private RSA Unprotect(WebhookSigningKey key)
    {
        var pkcs8 = Protector(key.OrganizationId).Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private IDataProtector Protector(string organizationId) => dataProtection.CreateProtector(Purpose, organizationId);
}
