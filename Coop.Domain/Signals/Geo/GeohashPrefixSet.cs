namespace Coop.Domain.Signals.Geo;

/// <summary>
/// A set of geohash prefixes (with optional labels) answering "which prefix does this geohash start with?" by
/// looking up the geohash's own prefixes (at most <see cref="MaxLength"/> hash lookups), whatever the set's size.
/// The most specific (longest) prefix wins. Immutable: safe to share between threads.
/// </summary>
public sealed class GeohashPrefixSet
{
    public const int MaxLength = 12;
    public const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    private readonly Dictionary<string, string?> prefixes = new(StringComparer.Ordinal);
    private readonly int longest;

    public GeohashPrefixSet(IEnumerable<(string Prefix, string? Label)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (prefix, label) in entries)
        {
            var p = prefix?.Trim().ToLowerInvariant() ?? string.Empty;
            if (IsValid(p))
            {
                prefixes.TryAdd(p, string.IsNullOrWhiteSpace(label) ? null : label.Trim());
                longest = Math.Max(longest, p.Length);
            }
        }
    }

    public int Count => prefixes.Count;

    /// <summary>Whether <paramref name="value"/> is 1 to 12 characters of the geohash alphabet (any case).</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => Alphabet.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal));

    /// <summary>The longest prefix of <paramref name="geohash"/> in the set, with its label; null when none.</summary>
    public GeohashPrefixMatch? Find(string geohash)
    {
        ArgumentNullException.ThrowIfNull(geohash);
        var g = geohash.Trim().ToLowerInvariant();
        for (var length = Math.Min(longest, g.Length); length > 0; length--)
        {
            var prefix = g[..length];
            if (prefixes.TryGetValue(prefix, out var label))
            {
                return new GeohashPrefixMatch(prefix, label);
            }
        }

        return null;
    }
}

/// <summary>The prefix that contained a geohash, and its label.</summary>
public sealed record GeohashPrefixMatch(string Prefix, string? Label)
{
    public override string ToString() => Label is null ? Prefix : $"{Prefix} ({Label})";
}
