namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>The first entry of an export file: what it holds and the schema it was taken from.</summary>
public sealed record TransferManifest(
    string Format, DateTime ExportedAt, string SourceProvider, string Migration, int MigrationCount, IReadOnlyList<TransferTable> Tables)
{
    public const string CurrentFormat = "coop-data/1";
    public const string EntryName = "manifest.json";

    public static string TableEntry(string table) => $"tables/{table}.jsonl";
}

/// <summary>One table: its columns in the order each JSON line lists them, its row count and an order-independent content hash.</summary>
public sealed record TransferTable(string Name, IReadOnlyList<string> Columns, long Rows, string Sha256);
