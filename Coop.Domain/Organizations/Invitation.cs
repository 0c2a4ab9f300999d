using System.Security.Cryptography;
using System.Text;

namespace Coop.Domain.Organizations;

/// <summary>
/// An invitation to join an organization with a role. The link's token is shown once; only its SHA-256 hash is
/// stored. It can be accepted once, before it expires, unless an admin revoked it.
/// </summary>
public sealed class Invitation
{
    public const int EmailMaxLength = 256;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private Invitation()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public string RoleId { get; private set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public string? AcceptedUserId { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public bool IsPending(DateTime nowUtc) => AcceptedAt is null && RevokedAt is null && ExpiresAt > nowUtc;

    /// <summary>Creates an invitation and returns it with the plain token (to put in the link once).</summary>
    public static (Invitation Invitation, string Token) Create(
        string organizationId, string email, string roleId, TimeSpan lifetime, string? createdByUserId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(roleId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaxLifetime);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var invitation = new Invitation
        {
            Id = Common.Ids.New(),
            OrganizationId = organizationId,
            Email = email.Trim(),
            RoleId = roleId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            CreatedByUserId = createdByUserId,
        };
        return (invitation, token);
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    public void Accept(string userId, DateTime nowUtc)
    {
        if (!IsPending(nowUtc))
        {
            throw new InvalidOperationException("The invitation is no longer valid.");
        }

        AcceptedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        AcceptedUserId = userId;
    }

    public void Revoke(DateTime nowUtc)
    {
        if (AcceptedAt is not null)
        {
            throw new InvalidOperationException("The invitation was already accepted.");
        }

        RevokedAt ??= DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }
}
