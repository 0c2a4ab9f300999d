using Microsoft.AspNetCore.Identity;

namespace Coop.Infrastructure.Identity;

/// <summary>A console user. Each person belongs to exactly one organization, as in Coop 1.0.</summary>
public sealed class CoopUser : IdentityUser
{
    public string OrganizationId { get; set; } = string.Empty;

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The console theme the user chose: <c>light</c>, <c>dark</c>, or null to follow the system.</summary>
    public string? ThemePreference { get; set; }

    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : Email ?? UserName ?? Id;
}
