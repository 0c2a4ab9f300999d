using System.Data.Common;
using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>What an import wrote, per table.</summary>
public sealed record ImportedTable(string Name, long Rows, string Sha256);

/// <summary>
/// Loads an export into an empty database migrated to the same migration: tables in foreign-key order, rows streamed
/// from the file and inserted in batches (one transaction per batch), identity sequences moved past the imported ids.
/// Refuses a target that holds data (beyond the rows migrations seed) or stands at another migration.
/// </summary>
public sealed class DataImporter(IDbContextFactory<CoopDbContext> factory)
{
    public const int BatchSize = 1000;

    public async Task<IReadOnlyList<ImportedTable>> ImportAsync(Stream input, CancellationToken cancellationToken = default)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var manifest = await ReadManifestAsync(zip, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await CheckTargetAsync(db, manifest, cancellationToken);

        var byName = manifest.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var imported = new List<ImportedTable>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        foreach (var table in TransferTables.InDependencyOrder(db))
        {
            var entry = byName.GetValueOrDefault(table.Name)
                ?? throw new InvalidDataException($"The export has no table {table.Name}.");
            imported.Add(await ImportTableAsync(db, zip, table, entry, cancellationToken));
        }

        return imported;
    }

    private static async Task<TransferManifest> ReadManifestAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.GetEntry(TransferManifest.EntryName) ?? throw new InvalidDataException("This is not a Coop export: it has no manifest.json.");
        await using var stream = entry.Open();
        var manifest = await JsonSerializer.DeserializeAsync<TransferManifest>(stream, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException("The manifest is empty.");
        return manifest.Format == TransferManifest.CurrentFormat
            ? manifest
            : throw new InvalidDataException($"Unknown export format '{manifest.Format}'.");
    }

    private static async Task CheckTargetAsync(CoopDbContext db, TransferManifest manifest, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        var target = DataExporter.MigrationName(applied.LastOrDefault());
        if (pending > 0 || target != manifest.Migration || applied.Count != manifest.MigrationCount)
        {
            throw new TransferRefusedException(
                $"The export was taken at migration '{manifest.Migration}' ({manifest.MigrationCount} applied); this database is at '{target}' "
                + $"({applied.Count} applied, {pending} pending). Run the same Coop version on both, and `migrate` the target first.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in TransferTables.InDependencyOrder(db))
        {
            var seeded = SeedRows(db, table);
            var count = await CountAsync(db, sql, table, cancellationToken);
            if (count > seeded && !IsReplaced(table))
            {
                throw new TransferRefusedException($"The target database is not empty: {table.Name} has {count} row(s). Import only into a new, migrated database.");
            }
        }
    }

    private static async Task<ImportedTable> ImportTableAsync(CoopDbContext db, ZipArchive zip, ITable table, TransferTable entry, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entry.Columns.Select(name => table.FindColumn(name)
            ?? throw new InvalidDataException($"The export's column {table.Name}.{name} is not in this version's model.")).ToList();
        var missing = TransferTables.Columns(table).Select(c => c.Name).Except(entry.Columns, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The export lacks the column(s) {string.Join(", ", missing)} of {table.Name}.");
        }

        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var connection = db.Database.GetDbConnection();
        var identityInsert = db.Database.IsSqlServer() && await HasIdentityAsync(db, table, cancellationToken);
        var rows = ReadRows(zip, entry, columns);
        if (TransferTables.SelfReferences(table) is { Count: > 0 } selfReferences)
        {
            rows = ParentsFirst(rows.ToList(), columns, selfReferences);
        }

        long count = 0;
        var sum = BigInteger.Zero;
        var first = true;
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();
            if (first && (SeedRows(db, table) > 0 || IsReplaced(table)))
            {
                // Rows migrations seed (the audit chain head) are replaced by the exported ones.
                await ExecuteAsync(connection, dbTransaction, $"DELETE FROM {name}", cancellationToken);
            }

            first = false;
            if (identityInsert)
            {
                await ExecuteAsync(connection, dbTransaction, $"SET IDENTITY_INSERT {name} ON", cancellationToken);
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = dbTransaction;
            insert.CommandText = $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
            foreach (var values in batch)
            {
                insert.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    insert.Parameters.Add(TransferValues.Mapping(columns[i]).CreateParameter(insert, sql.GenerateParameterName($"p{i}"), values[i], columns[i].IsNullable));
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
                sum += TransferValues.RowHash(values);
                count++;
            }

            if (identityInsert)
            {
                await ExecuteAsync(connection, dbTransaction, $"SET IDENTITY_INSERT {name} OFF", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (first && (SeedRows(db, table) > 0 || IsReplaced(table)) && entry.Rows == 0)
        {
            await ExecuteAsync(connection, null, $"DELETE FROM {name}", cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            await ResetPostgresSequencesAsync(db, table, cancellationToken);
        }

        var hash = TransferValues.HashText(sum);
        if (count != entry.Rows || hash != entry.Sha256)
        {
            throw new InvalidDataException($"{table.Name}: the file holds {count} row(s) hashing to {hash}, the manifest says {entry.Rows} and {entry.Sha256}.");
        }

        return new ImportedTable(table.Name, count, hash);
    }

    private static IEnumerable<object?[]> ReadRows(ZipArchive zip, TransferTable entry, List<IColumn> columns)
    {
        var file = zip.GetEntry(TransferManifest.TableEntry(entry.Name)) ?? throw new InvalidDataException($"The export lacks {TransferManifest.TableEntry(entry.Name)}.");
        using var reader = new StreamReader(file.Open());
        while (reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var values = new object?[columns.Count];
            var i = 0;
            foreach (var element in json.RootElement.EnumerateArray())
            {
                values[i] = TransferValues.FromJson(element, columns[i]);
                i++;
            }

            yield return values;
        }
    }

    /// <summary>Orders the rows of a self-referencing table so each row's parent is inserted before it.</summary>
    private static IEnumerable<object?[]> ParentsFirst(
        List<object?[]> rows, List<IColumn> columns, IReadOnlyList<(IReadOnlyList<string> Columns, IReadOnlyList<string> Principal)> references)
    {
        string Key(object?[] row, IReadOnlyList<string> names) =>
            string.Join('\u001f', names.Select(n => Convert.ToString(row[columns.FindIndex(c => c.Name == n)], System.Globalization.CultureInfo.InvariantCulture)));

        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = rows;
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(row => references.All(r =>
                r.Columns.Any(c => row[columns.FindIndex(x => x.Name == c)] is null) || placed.Contains(r.Principal.Count + ":" + Key(row, r.Columns)))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidDataException("Rows of a self-referencing table refer to each other in a cycle or to missing parents.");
            }

            foreach (var row in ready)
            {
                foreach (var reference in references)
                {
                    placed.Add(reference.Principal.Count + ":" + Key(row, reference.Principal));
                }

                yield return row;
            }

            remaining = [.. remaining.Except(ready)];
        }
    }

    /// <summary>
    /// Tables whose rows the app writes on its own when it first starts (a Data Protection key), so a target that was
    /// started once is still empty; the exported rows replace them.
    /// </summary>
    private static bool IsReplaced(ITable table) => table.Name == "DataProtectionKeys";

    /// <summary>Rows migrations seed into the table (HasData), read from the design-time model: the runtime model has none.</summary>
    private static int SeedRows(CoopDbContext db, ITable table) =>
        db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .Where(e => e.GetTableName() == table.Name && e.GetSchema() == table.Schema)
            .Sum(e => e.GetSeedData().Count());

    private static async Task<long> CountAsync(CoopDbContext db, ISqlGenerationHelper sql, ITable table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table.Name, table.Schema)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> HasIdentityAsync(CoopDbContext db, ITable table, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sys.identity_columns WHERE object_id = OBJECT_ID(@t)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@t";
        parameter.Value = (table.Schema is null ? string.Empty : $"[{table.Schema}].") + $"[{table.Name}]";
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ResetPostgresSequencesAsync(CoopDbContext db, ITable table, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        foreach (var column in table.Columns.Where(c => c.ProviderClrType == typeof(int) || c.ProviderClrType == typeof(long)))
        {
            var quoted = sql.DelimitIdentifier(column.Name);
            await ExecuteAsync(db.Database.GetDbConnection(), null,
                $"SELECT setval(s::regclass, (SELECT COALESCE(MAX({quoted}), 0) + 1 FROM {name}), false) FROM pg_get_serial_sequence('{name.Replace("'", "''", StringComparison.Ordinal)}', '{column.Name.Replace("'", "''", StringComparison.Ordinal)}') AS s WHERE s IS NOT NULL",
                cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string commandText, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = commandText;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An import refused before it wrote anything: the target holds data or stands at another migration.</summary>
public sealed class TransferRefusedException(string message) : Exception(message);
