namespace Coop.Domain.Rules.LocationBanks;

/// <summary>One area of a <see cref="LocationBank"/>: a geohash prefix (lower case) and an optional label.</summary>
public sealed class LocationBankEntry
{
    public const int LabelMaxLength = 200;

    private LocationBankEntry()
    {
    }

    public long Id { get; private set; }

    public string BankId { get; private set; } = string.Empty;

    public string Prefix { get; private set; } = string.Empty;

    public string? Label { get; private set; }

    public static LocationBankEntry Create(string bankId, string prefix, string? label) =>
        new() { BankId = bankId, Prefix = prefix, Label = label };
}
