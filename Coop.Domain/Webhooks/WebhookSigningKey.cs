using Coop.Domain.Common;

namespace Coop.Domain.Webhooks;

/// <summary>
/// An organization's RSA-2048 key pair for signing outbound webhooks (RSASSA-PKCS1-v1_5, SHA-256).
/// One key is active per organization; rotating retires it (kept, with its retirement time, so
/// admins can tell which public key signed older deliveries). The private key is stored only in
/// protected (encrypted) form; this type never sees it in the clear.
/// </summary>
public sealed class WebhookSigningKey
{
    private WebhookSigningKey()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>Equals <see cref="OrganizationId"/> while the key is active and null once retired; unique, so an org has one active key.</summary>
    public string? ActiveOrganizationId { get; private set; }

    /// <summary>SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").</summary>
    public string PublicKeyPem { get; private set; } = string.Empty;

    /// <summary>The PKCS#8 private key, encrypted at rest by the host's data protection.</summary>
    public string ProtectedPrivateKey { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static WebhookSigningKey Create(string organizationId, string publicKeyPem, string protectedPrivateKey, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedPrivateKey);
        return new WebhookSigningKey
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            ActiveOrganizationId = organizationId,
            PublicKeyPem = publicKeyPem,
            ProtectedPrivateKey = protectedPrivateKey,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }

    public void Retire(DateTime nowUtc)
    {
        if (RetiredAt is not null)
        {
            return;
        }

        RetiredAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        ActiveOrganizationId = null;
    }
}
