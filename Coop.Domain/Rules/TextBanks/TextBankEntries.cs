using System.Text.RegularExpressions;

namespace Coop.Domain.Rules.TextBanks;

/// <summary>
/// The rules for a text bank's entries: trimmed, non-empty, at most <see cref="MaxLength"/> characters, at most
/// <see cref="MaxEntries"/> per bank (and <see cref="MaxTotalCharacters"/> in all, which bounds the matcher's memory);
/// duplicates (ignoring case for strings) are dropped; regular expressions must parse.
/// </summary>
public static class TextBankEntries
{
    public const int MaxLength = 2000;
    public const int MaxEntries = 100_000;
    public const int MaxTotalCharacters = 5_000_000;
    private const int MaxReportedErrors = 20;

    /// <summary>
    /// The entries to store from <paramref name="lines"/>, and problems keyed by field path <c>Entries[i]</c>
    /// (<c>i</c> is the index in <paramref name="lines"/>) or <c>Entries</c> for the whole list.
    /// </summary>
    public static (List<string> Entries, Dictionary<string, string[]> Errors) Normalize(TextBankKind kind, IEnumerable<string?> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(kind == TextBankKind.Strings ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var entries = new List<string>();
        long total = 0;
        var index = -1;
        foreach (var line in lines)
        {
            index++;
            var value = line?.Trim() ?? string.Empty;
            if (value.Length == 0 || !seen.Add(value))
            {
                continue;
            }

            var problem = ProblemWith(kind, value);
            if (problem is not null)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors[$"Entries[{index}]"] = [$"Line {index + 1}: {problem}"];
                }

                continue;
            }

            entries.Add(value);
            total += value.Length;
        }

        if (entries.Count > MaxEntries)
        {
            errors["Entries"] = [$"A bank holds at most {MaxEntries:N0} entries; this list has {entries.Count:N0}."];
        }
        else if (total > MaxTotalCharacters)
        {
            errors["Entries"] = [$"A bank holds at most {MaxTotalCharacters:N0} characters of entries in all; this list has {total:N0}."];
        }

        return (entries, errors);
    }

    /// <summary>Why <paramref name="value"/> cannot be an entry of a bank of <paramref name="kind"/>, or null.</summary>
    public static string? ProblemWith(TextBankKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }

        if (kind == TextBankKind.Regex)
        {
            try
            {
                _ = new Regex(value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                return $"Not a valid regular expression: {ex.Message}";
            }
        }

        return null;
    }
}
