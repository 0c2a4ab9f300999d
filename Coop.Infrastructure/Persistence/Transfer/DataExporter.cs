using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>
/// Writes every table of the model to a zip: one JSON-lines entry per table (a row is a JSON array in the manifest's
/// column order), streamed a row at a time, then a manifest with the row counts, content hashes and the last migration.
/// </summary>
public sealed class DataExporter(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<TransferManifest> ExportAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException("The database lacks migrations this version knows; run `migrate` before exporting.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        // One snapshot for every table (SQLite: a read transaction; server databases: repeatable read).
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.Database.IsSqlite() ? System.Data.IsolationLevel.Serializable : System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var tables = new List<TransferTable>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in TransferTables.InDependencyOrder(db))
            {
                var columns = TransferTables.Columns(table);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction.GetDbTransaction();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)}";
                var entry = zip.CreateEntry(TransferManifest.TableEntry(table.Name), CompressionLevel.Fastest);
                long rows = 0;
                var sum = BigInteger.Zero;
                await using (var stream = entry.Open())
                await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    var values = new object?[columns.Count];
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        for (var i = 0; i < columns.Count; i++)
                        {
                            values[i] = TransferValues.Read(reader, i, columns[i]);
                        }

                        await writer.WriteLineAsync(JsonSerializer.Serialize(values, TransferValues.Json));
                        sum += TransferValues.RowHash(values);
                        rows++;
                    }
                }

                tables.Add(new TransferTable(table.Name, [.. columns.Select(c => c.Name)], rows, TransferValues.HashText(sum)));
            }

            var manifest = new TransferManifest(TransferManifest.CurrentFormat, time.GetUtcNow().UtcDateTime, db.Database.ProviderName ?? string.Empty,
                MigrationName(applied.LastOrDefault()), applied.Count, tables);
            var manifestEntry = zip.CreateEntry(TransferManifest.EntryName, CompressionLevel.Fastest);
            await using var manifestStream = manifestEntry.Open();
            await JsonSerializer.SerializeAsync(manifestStream, manifest, Indented, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return manifest;
        }
    }

    /// <summary>A migration's name without its timestamp, which differs between the providers' migration sets.</summary>
    internal static string MigrationName(string? id) => id is null ? string.Empty : id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
