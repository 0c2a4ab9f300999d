using Coop.Domain.Items;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>Item ids as pasted: one list with blanks dropped and duplicates removed (first occurrence kept).</summary>
/// <param name="Ids">The distinct ids, in the order given.</param>
/// <param name="Entries">Non-blank entries given, duplicates included.</param>
/// <param name="Duplicates">Entries dropped because they repeat an earlier one.</param>
/// <param name="TooLong">Ids longer than an item id may be.</param>
public sealed record BulkIdList(IReadOnlyList<string> Ids, int Entries, int Duplicates, IReadOnlyList<string> TooLong);

public static class BulkItemIds
{
    /// <summary>Ids are separated by line breaks, commas, semicolons, tabs or spaces.</summary>
    private static readonly char[] Separators = ['\r', '\n', ',', ';', '\t', ' '];

    /// <summary>Splits pasted text into entries (blank ones dropped).</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Trims the entries, drops blank ones and repeats.</summary>
    public static BulkIdList Normalize(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        var count = 0;
        foreach (var entry in entries)
        {
            var id = entry?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            count++;
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return new BulkIdList(ids, count, count - ids.Count, [.. ids.Where(i => i.Length > ItemSubmission.MaxIdLength).Take(5)]);
    }
}
