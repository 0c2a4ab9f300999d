using Coop.Domain.Common;

namespace Coop.Domain.Rules.LocationBanks;

/// <summary>
/// A named list of areas given as geohash prefixes (with optional labels) that the <c>geo.within</c> signal matches
/// item geohashes against. Entries live in <see cref="LocationBankEntry"/> rows; every change moves <see cref="Version"/>.
/// </summary>
public sealed class LocationBank
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private LocationBank()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public int EntryCount { get; private set; }

    /// <summary>The revision timestamp: prefix sets cached on any node are rebuilt when it moves.</summary>
    public DateTime Version { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public static LocationBank Create(string organizationId, string name, string? description, string? createdByUserId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var now = Versions.Next(null, nowUtc);
        return new LocationBank
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            CreatedAt = now,
            Version = now,
            CreatedByUserId = createdByUserId,
        };
    }

    /// <summary>Renames or re-describes the bank; returns whether anything changed.</summary>
    public bool Describe(string name, string? description, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var nextName = name.Trim();
        var nextDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (nextName == Name && nextDescription == Description)
        {
            return false;
        }

        Name = nextName;
        Description = nextDescription;
        Version = Versions.Next(Version, nowUtc);
        return true;
    }

    /// <summary>Records that the entries changed (now <paramref name="entryCount"/> of them).</summary>
    public void EntriesChanged(int entryCount, DateTime nowUtc)
    {
        EntryCount = entryCount;
        Version = Versions.Next(Version, nowUtc);
    }
}
