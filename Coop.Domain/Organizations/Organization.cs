using Coop.Domain.Common;

namespace Coop.Domain.Organizations;

/// <summary>A tenant: every piece of data in Coop belongs to exactly one organization.</summary>
public sealed class Organization
{
    public const int NameMaxLength = 200;

    private Organization()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public string? WebsiteUrl { get; private set; }

    public string? OnCallAlertEmail { get; private set; }

    public bool IsDemo { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>How long a strike counts towards a user's score (Coop's "strike window"); fixed on each strike when added.</summary>
    public int StrikeTtlDays { get; private set; } = Strikes.StrikeRules.DefaultTtlDays;

    /// <summary>The outbound allow-list (<see cref="OutboundAllowList"/>) as a JSON array of hosts and CIDR blocks.</summary>
    public string OutboundAllowListJson { get; private set; } = "[]";

    public IReadOnlyList<string> OutboundAllowListEntries => OutboundAllowList.FromJson(OutboundAllowListJson);

    /// <summary>Replaces the allow-list with already-normalized entries (<see cref="OutboundAllowList.Normalize"/>).</summary>
    public void SetOutboundAllowList(IEnumerable<string> entries) => OutboundAllowListJson = OutboundAllowList.ToJson(entries);

    /// <summary>Updates the organization's details; values are validated by the caller, the name again here.</summary>
    public void UpdateDetails(string name, string email, string? websiteUrl, string? onCallAlertEmail)
    {
        Rename(name);
        Email = (email ?? string.Empty).Trim();
        WebsiteUrl = string.IsNullOrWhiteSpace(websiteUrl) ? null : websiteUrl.Trim();
        OnCallAlertEmail = string.IsNullOrWhiteSpace(onCallAlertEmail) ? null : onCallAlertEmail.Trim();
    }

    public static Organization Create(string name, string email, string? websiteUrl, DateTime createdAtUtc, bool isDemo = false)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("An organization needs a name.", nameof(name));
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw new ArgumentException($"An organization name has at most {NameMaxLength} characters.", nameof(name));
        }

        return new Organization
        {
            Id = Ids.New(),
            Name = trimmed,
            Email = (email ?? string.Empty).Trim(),
            WebsiteUrl = string.IsNullOrWhiteSpace(websiteUrl) ? null : websiteUrl.Trim(),
            CreatedAt = DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc),
            IsDemo = isDemo,
        };
    }

    public void SetStrikeTtl(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, Strikes.StrikeRules.MaxTtlDays);
        StrikeTtlDays = days;
    }

    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new ArgumentException("An organization name has 1 to 200 characters.", nameof(name));
        }

        Name = trimmed;
    }
}
