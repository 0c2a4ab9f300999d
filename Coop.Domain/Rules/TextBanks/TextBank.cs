using Coop.Domain.Common;

namespace Coop.Domain.Rules.TextBanks;

/// <summary>
/// A named list of words, phrases or regular expressions that text signals match against (Coop's <c>text_banks</c>).
/// The entries live in <see cref="TextBankEntry"/> rows; <see cref="EntryCount"/> and <see cref="Version"/> are kept
/// here so listing banks and checking a cached matcher need not read them. Every change moves <see cref="Version"/>.
/// </summary>
public sealed class TextBank
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private TextBank()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public TextBankKind Kind { get; private set; }

    public int EntryCount { get; private set; }

    /// <summary>The revision timestamp: matchers cached on any node are rebuilt when it moves.</summary>
    public DateTime Version { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public static TextBank Create(string organizationId, string name, string? description, TextBankKind kind, string? createdByUserId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var now = Versions.Next(null, nowUtc);
        return new TextBank
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Kind = kind,
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
        Touch(nowUtc);
        return true;
    }

    /// <summary>Records that the entries changed (now <paramref name="entryCount"/> of them).</summary>
    public void EntriesChanged(int entryCount, DateTime nowUtc)
    {
        EntryCount = entryCount;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc) => Version = Versions.Next(Version, nowUtc);
}
