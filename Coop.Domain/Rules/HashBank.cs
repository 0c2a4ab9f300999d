using Coop.Domain.Hashing;

namespace Coop.Domain.Rules;

/// <summary>
/// A bank of image hashes (PDQ, MD5, SHA-256) that the image hash signals match against. <see cref="Version"/> goes
/// up with every change to the bank or its entries, so in-memory indexes know when to rebuild.
/// </summary>
public sealed class HashBank
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private HashBank()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    /// <summary>A disabled bank matches nothing (rules using it see no match).</summary>
    public bool Enabled { get; private set; }

    /// <summary>
    /// "Report matches to NCMEC": when an ingested item's image matches this (enabled) bank, the item's author is put into
    /// child-safety review (their open NCMEC job is updated, never duplicated).
    /// </summary>
    public bool ReportMatchesToNcmec { get; private set; }

    public long Version { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static HashBank Create(string organizationId, string name, string? description, bool enabled, DateTime nowUtc, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        var bank = new HashBank
        {
            Id = string.IsNullOrWhiteSpace(id) ? Guid.NewGuid().ToString("N") : id,
            OrganizationId = organizationId,
            Version = 1,
            CreatedAt = nowUtc,
        };
        bank.Update(name, description, enabled, nowUtc);
        return bank;
    }

    /// <summary>Problems with a name and description, by field.</summary>
    public static Dictionary<string, string[]> Validate(string? name, string? description)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors[nameof(Name)] = ["Give the bank a name."];
        }
        else if (name.Trim().Length > NameMaxLength)
        {
            errors[nameof(Name)] = [$"A name has at most {NameMaxLength} characters."];
        }

        if (description?.Length > DescriptionMaxLength)
        {
            errors[nameof(Description)] = [$"A description has at most {DescriptionMaxLength} characters."];
        }

        return errors;
    }

    public void Update(string name, string? description, bool enabled, DateTime nowUtc)
    {
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Enabled = enabled;
        Touch(nowUtc);
    }

    /// <summary>Turns "Report matches to NCMEC" on or off.</summary>
    public void SetReportMatchesToNcmec(bool report, DateTime nowUtc)
    {
        if (ReportMatchesToNcmec == report)
        {
            return;
        }

        ReportMatchesToNcmec = report;
        Touch(nowUtc);
    }

    /// <summary>Marks a change of the bank's entries (or settings): indexes built from an older version are stale.</summary>
    public void Touch(DateTime nowUtc)
    {
        Version++;
        UpdatedAt = nowUtc;
    }
}

/// <summary>One hash in a <see cref="HashBank"/>: normalised lower-case hex, with an optional label and source id.</summary>
public sealed class HashBankEntry
{
    public const int LabelMaxLength = 500;
    public const int SourceIdMaxLength = 200;

    private HashBankEntry()
    {
    }

    public long Id { get; private set; }

    public string BankId { get; private set; } = string.Empty;

    public HashKind Kind { get; private set; }

    public string Value { get; private set; } = string.Empty;

    public string? Label { get; private set; }

    public string? SourceId { get; private set; }

    public DateTime AddedAt { get; private set; }

    /// <summary>An entry; <paramref name="value"/> must already be normalised (see <see cref="HashKinds.Normalize"/>).</summary>
    public static HashBankEntry Create(string bankId, HashKind kind, string value, string? label, string? sourceId, DateTime nowUtc)
    {
        if (HashKinds.Normalize(kind, value) != value)
        {
            throw new ArgumentException($"'{value}' is not a normalised {HashKinds.Label(kind)} hash.", nameof(value));
        }

        return new HashBankEntry
        {
            BankId = bankId,
            Kind = kind,
            Value = value,
            Label = Trim(label, LabelMaxLength),
            SourceId = Trim(sourceId, SourceIdMaxLength),
            AddedAt = nowUtc,
        };
    }

    private static string? Trim(string? text, int max)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}
