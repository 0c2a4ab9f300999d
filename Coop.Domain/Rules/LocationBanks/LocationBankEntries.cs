using Coop.Domain.Signals.Geo;

namespace Coop.Domain.Rules.LocationBanks;

/// <summary>
/// The rules for a location bank's entries, given one per line as <c>prefix</c>, <c>prefix,label</c> or
/// <c>prefix&lt;tab&gt;label</c>: the prefix is 1 to 12 characters of the geohash alphabet (stored lower case), the
/// label at most <see cref="LocationBankEntry.LabelMaxLength"/> characters; repeated prefixes keep the first label.
/// </summary>
public static class LocationBankEntries
{
    public const int MaxEntries = 100_000;
    private const int MaxReportedErrors = 20;

    /// <summary>The parsed entries and problems keyed by field path <c>Entries[i]</c> (index in <paramref name="lines"/>).</summary>
    public static (List<(string Prefix, string? Label)> Entries, Dictionary<string, string[]> Errors) Parse(IEnumerable<string?> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new Dictionary<string, string[]>();
        var entries = new List<(string, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = -1;
        foreach (var line in lines)
        {
            index++;
            var text = line?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                continue;
            }

            var cut = text.IndexOfAny([',', '\t', ';']);
            var prefix = (cut < 0 ? text : text[..cut]).Trim().Trim('"').ToLowerInvariant();
            var label = cut < 0 ? null : text[(cut + 1)..].Trim().Trim('"');
            string? problem = !GeohashPrefixSet.IsValid(prefix)
                ? $"'{Shorten(prefix)}' is not a geohash prefix (1 to 12 characters of 0-9 and b-z without a, i, l, o)."
                : label is { Length: > LocationBankEntry.LabelMaxLength } ? $"Use at most {LocationBankEntry.LabelMaxLength} characters for the label." : null;
            if (problem is not null)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors[$"Entries[{index}]"] = [$"Line {index + 1}: {problem}"];
                }

                continue;
            }

            if (seen.Add(prefix))
            {
                entries.Add((prefix, string.IsNullOrWhiteSpace(label) ? null : label));
            }
        }

        if (entries.Count > MaxEntries)
        {
            errors["Entries"] = [$"A bank holds at most {MaxEntries:N0} entries; this list has {entries.Count:N0}."];
        }

        return (entries, errors);
    }

    /// <summary>An entry as a line of text (what the editor shows and <see cref="Parse"/> reads back).</summary>
    public static string Format(string prefix, string? label) => label is null ? prefix : $"{prefix},{label}";

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
