using System.Security.Cryptography;
using System.Text;
using Coop.Domain.Common;

namespace Coop.Domain.ApiKeys;

/// <summary>
/// An organization's key for the platform API. Only the SHA-256 of the key is stored; the key
/// itself is shown once, when it is made. As in Coop 1.0, an organization has one active key:
/// issuing a new one revokes the others at once.
/// </summary>
public sealed class ApiKey
{
    private ApiKey()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string KeyHash { get; private set; } = string.Empty;

    /// <summary>The first characters of the key, so a person can tell keys apart.</summary>
    public string Prefix { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    /// <summary>Makes a key; the plain key is returned beside the entity and never stored.</summary>
    public static (ApiKey Key, string PlainKey) Issue(string organizationId, string name, string? description, string? createdBy, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        var plain = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            KeyHash = Hash(plain),
            Prefix = plain[..8],
            Name = string.IsNullOrWhiteSpace(name) ? "API key" : name.Trim(),
            Description = description,
            IsActive = true,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            CreatedBy = createdBy,
        };
        return (key, plain);
    }

    public static string Hash(string plainKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainKey)));

    public void Revoke() => IsActive = false;

    public void MarkUsed(DateTime nowUtc) => LastUsedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
}
