using Coop.Domain.Hashing;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>One hash read from an import file, with its line number.</summary>
public sealed record ImportedHash(int Line, HashKind Kind, string Value, string? Label, string? SourceId);

/// <summary>A line that could not be read, and why.</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>What an import file holds: the hashes read and the problems found.</summary>
public sealed record ParsedImport(IReadOnlyList<ImportedHash> Hashes, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Reads hash bank imports. Three shapes are accepted:
/// <list type="bullet">
/// <item>HMA / ThreatExchange style CSV with a header naming <c>signal_type</c> and <c>signal</c> (or <c>hash</c>,
/// <c>value</c>), optionally <c>label</c>/<c>note</c> and <c>content_id</c>/<c>source_id</c>, in any order;</item>
/// <item>header-less rows <c>signal_type,hash[,label]</c>, e.g. <c>pdq,d8f8…</c>;</item>
/// <item>one hash per line, of the kind chosen for the import.</item>
/// </list>
/// Blank lines and lines starting with <c>#</c> are ignored. Signal types: <c>pdq</c>, <c>md5</c>
/// (<c>video_md5</c>, <c>photo_md5</c>), <c>sha256</c>.
/// </summary>
public static class HashBankImport
{
    /// <summary>The most hashes one import may hold.</summary>
    public const int MaxHashes = 500_000;

    private static readonly string[] TypeColumns = ["signal_type", "type", "kind"];
    private static readonly string[] ValueColumns = ["signal", "signal_value", "hash", "value"];
    private static readonly string[] LabelColumns = ["label", "note", "notes", "tags", "description"];
    private static readonly string[] SourceColumns = ["content_id", "bank_content_id", "source_id", "id"];

    public static ParsedImport Parse(TextReader reader, HashKind? chosenKind)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var hashes = new List<ImportedHash>();
        var problems = new List<ImportProblem>();
        Columns? columns = null;
        var first = true;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var cells = SplitCsv(text);
            if (first)
            {
                first = false;
                if (Columns.TryRead(cells, out var header, out var headerProblem))
                {
                    columns = header;
                    continue;
                }

                if (headerProblem is not null)
                {
                    problems.Add(new ImportProblem(number, headerProblem));
                    return new ParsedImport([], problems);
                }
            }

            if (hashes.Count >= MaxHashes)
            {
                problems.Add(new ImportProblem(number, $"An import holds at most {MaxHashes:N0} hashes; split the file."));
                break;
            }

            var parsed = columns is { } known ? ReadWithHeader(cells, known, number) : ReadWithoutHeader(cells, chosenKind, number);
            switch (parsed)
            {
                case ImportedHash hash:
                    hashes.Add(hash);
                    break;
                case ImportProblem problem:
                    problems.Add(problem);
                    break;
            }
        }

        return new ParsedImport(hashes, problems);
    }

    private static object ReadWithHeader(List<string> cells, Columns columns, int line)
    {
        var type = Cell(cells, columns.Type);
        if (!HashKinds.TryParse(type, out var kind))
        {
            return new ImportProblem(line, string.IsNullOrEmpty(type)
                ? "The signal type is missing."
                : $"'{Shorten(type)}' is not a hash type Coop banks (pdq, md5, sha256).");
        }

        return Read(kind, Cell(cells, columns.Value), Cell(cells, columns.Label), Cell(cells, columns.Source), line);
    }

    private static object ReadWithoutHeader(List<string> cells, HashKind? chosenKind, int line)
    {
        if (cells.Count >= 2 && HashKinds.TryParse(cells[0], out var kind))
        {
            return Read(kind, cells[1], cells.Count > 2 ? cells[2] : null, null, line);
        }

        if (cells.Count >= 2)
        {
            return new ImportProblem(line, $"'{Shorten(cells[0])}' is not a hash type Coop banks (pdq, md5, sha256).");
        }

        if (chosenKind is not { } chosen)
        {
            return new ImportProblem(line, "The line has only a hash: choose the kind of hash for the import, or write pdq,<hash>.");
        }

        return Read(chosen, cells[0], null, null, line);
    }

    private static object Read(HashKind kind, string? value, string? label, string? source, int line) =>
        HashKinds.Normalize(kind, value) is { } normalized
            ? new ImportedHash(line, kind, normalized, label, source)
            : new ImportProblem(line, string.IsNullOrEmpty(value)
                ? $"The {HashKinds.Label(kind)} hash is missing."
                : $"'{Shorten(value)}' is not a {HashKinds.Label(kind)} hash ({HashKinds.HexLength(kind)} hexadecimal digits).");

    private static string? Cell(List<string> cells, int index) => index >= 0 && index < cells.Count ? cells[index].Trim() : null;

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    /// <summary>Splits one CSV line (RFC 4180 quotes; no line breaks inside fields).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',' || c == '\t')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private readonly record struct Columns(int Type, int Value, int Label, int Source)
    {
        /// <summary>True for a header row; a header naming a type column but no value column is a problem.</summary>
        public static bool TryRead(List<string> cells, out Columns columns, out string? problem)
        {
            columns = default;
            problem = null;
            var names = cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
            var type = IndexOf(names, TypeColumns);
            if (type < 0 || HashKinds.TryParse(cells[type], out _))
            {
                return false;
            }

            var value = IndexOf(names, ValueColumns);
            if (value < 0)
            {
                problem = "The header names a signal_type column but no signal (hash) column.";
                return false;
            }

            columns = new Columns(type, value, IndexOf(names, LabelColumns), IndexOf(names, SourceColumns));
            return true;
        }

        private static int IndexOf(List<string> names, string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                var index = names.IndexOf(candidate);
                if (index >= 0)
                {
                    return index;
                }
            }

            return -1;
        }
    }
}
