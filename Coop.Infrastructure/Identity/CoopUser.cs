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

    /// <summary>When the user last signed in successfully (any method), or null if never.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>A deactivated user cannot sign in; their open sessions end at once. Reactivation restores them.</summary>
    public bool IsDeactivated { get; set; }

    public string DisplayName =>
        string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name
            ? name
            : Email ?? UserName ?? Id;
}
