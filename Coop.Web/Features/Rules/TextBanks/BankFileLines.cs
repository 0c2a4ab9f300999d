namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>
/// Reads bank entries from pasted text or an imported file: one entry per line; in a .csv file, the first column
/// (quoted values may hold commas and doubled quotes). Blank lines are dropped.
/// </summary>
public static class BankFileLines
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public static IReadOnlyList<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    /// <summary>The entries of a file: every line of a .txt file, the first column of each row of a .csv file.</summary>
    public static IReadOnlyList<string> FromFile(string fileName, string content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = Split(content);
        return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? [.. lines.Select(FirstColumn).Where(v => v.Length > 0)] : lines;
    }

    private static string FirstColumn(string line)
    {
        if (!line.StartsWith('"'))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            return (comma < 0 ? line : line[..comma]).Trim();
        }

        var value = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                    continue;
                }

                break;
            }

            value.Append(line[i]);
        }

        return value.ToString().Trim();
    }
}
