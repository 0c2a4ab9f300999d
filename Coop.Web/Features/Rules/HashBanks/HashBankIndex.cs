using Coop.Domain.Hashing;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>
/// One bank in memory, ready to match: its PDQ hashes in a <see cref="PdqIndex"/> and its MD5/SHA-256 hashes in
/// dictionaries. Immutable; <see cref="Version"/> is the bank version it was built from.
/// </summary>
public sealed class HashBankIndex
{
    private readonly PdqIndex pdq;
    private readonly string[] pdqValues;
    private readonly string?[] pdqLabels;
    private readonly Dictionary<string, string?> md5;
    private readonly Dictionary<string, string?> sha256;

    public HashBankIndex(string bankId, string name, bool enabled, long version, IEnumerable<(HashKind Kind, string Value, string? Label)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        BankId = bankId;
        Name = name;
        Enabled = enabled;
        Version = version;
        var hashes = new List<PdqHash>();
        var values = new List<string>();
        var labels = new List<string?>();
        md5 = new Dictionary<string, string?>(StringComparer.Ordinal);
        sha256 = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (kind, value, label) in entries)
        {
            switch (kind)
            {
                case HashKind.Pdq when PdqHash.TryParse(value, out var hash):
                    hashes.Add(hash);
                    values.Add(value);
                    labels.Add(label);
                    break;
                case HashKind.Md5:
                    md5[value] = label;
                    break;
                case HashKind.Sha256:
                    sha256[value] = label;
                    break;
            }
        }

        pdq = new PdqIndex(hashes);
        pdqValues = [.. values];
        pdqLabels = [.. labels];
    }

    public string BankId { get; }

    public string Name { get; }

    public bool Enabled { get; }

    public long Version { get; }

    public int Count => pdq.Count + md5.Count + sha256.Count;

    /// <summary>The best match of <paramref name="hashes"/> in this bank: an exact MD5/SHA-256 first, else the nearest PDQ within <paramref name="maxDistance"/>.</summary>
    public ImageBankMatch? Match(ImageHashes hashes, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (sha256.TryGetValue(hashes.Sha256, out var shaLabel))
        {
            return new ImageBankMatch(BankId, Name, HashKind.Sha256, 0, hashes.Sha256, shaLabel);
        }

        if (md5.TryGetValue(hashes.Md5, out var md5Label))
        {
            return new ImageBankMatch(BankId, Name, HashKind.Md5, 0, hashes.Md5, md5Label);
        }

        return pdq.Nearest(hashes.Pdq, maxDistance) is { } nearest
            ? new ImageBankMatch(BankId, Name, HashKind.Pdq, nearest.Distance, pdqValues[nearest.Index], pdqLabels[nearest.Index])
            : null;
    }
}
