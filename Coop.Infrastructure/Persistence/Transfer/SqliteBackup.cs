using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence.Transfer;

/// <summary>What a backup wrote: the file, its size and SQLite's integrity check of the copy.</summary>
public sealed record BackupResult(string Path, long Bytes, string IntegrityCheck);

/// <summary>
/// A consistent copy of the embedded SQLite database through SQLite's online backup API, taken while the app runs
/// (in WAL mode writers go on; the copy is the database as of one moment). Server databases have their own tools.
/// </summary>
public sealed class SqliteBackup(IDbContextFactory<CoopDbContext> factory)
{
    public const string ServerAdvice =
        "The backup verb copies the embedded SQLite database only. Back up PostgreSQL with pg_dump (restore with pg_restore) "
        + "and SQL Server with BACKUP DATABASE (restore with RESTORE DATABASE); see docs/development/operations.md, \"Backup and restore\".";

    public async Task<BackupResult> BackupAsync(string destination, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            throw new TransferRefusedException(ServerAdvice);
        }

        var path = Path.GetFullPath(destination);
        if (File.Exists(path))
        {
            throw new TransferRefusedException($"{path} already exists; choose a new file name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
        await using var command = target.CreateCommand();
        // One self-contained file (no -wal beside it), then SQLite's own check of the copy.
        command.CommandText = "PRAGMA journal_mode=DELETE";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA integrity_check";
        var integrity = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        await target.CloseAsync();
        return new BackupResult(path, new FileInfo(path).Length, integrity);
    }
}
