using Coop.Infrastructure.Persistence;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// Signs outbound bodies with the organization's RSA key (RSASSA-PKCS1-v1_5, SHA-256) as Coop does in
/// <c>Coop-Signature</c>. A key pair is generated on first use.
/// </summary>
public interface IWebhookSigner
{
    /// <summary>The base64 signature over exactly <paramref name="body"/>.</summary>
    Task<string> SignAsync(string organizationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default);

    /// <summary>The active public key as SPKI PEM ("-----BEGIN PUBLIC KEY-----").</summary>
    Task<string> GetPublicKeyPemAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stages a rotation in <paramref name="db"/>: the active key is retired (kept for reference) and a new
    /// one added. Nothing is saved: the caller adds its audit entry and calls SaveChanges, so both commit together.
    /// </summary>
    Task<SigningKeyInfo> RotateAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken = default);
}

/// <summary>A public key and when it was made (and retired).</summary>
public sealed record SigningKeyInfo(string KeyId, string PublicKeyPem, DateTime CreatedAt, DateTime? RetiredAt);
