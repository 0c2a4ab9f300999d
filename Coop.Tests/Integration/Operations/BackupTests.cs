using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Coop.Tests.Integration.Operations;

/// <summary>The backup verb copies a live SQLite database consistently while it is written to; server providers are pointed at their tools.</summary>
[Trait("Category", "Integration")]
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_during_writes_is_a_consistent_snapshot_that_passes_the_integrity_check()
    {
        var dir = TestSettings.NewTempDirectory();
        var file = Path.Combine(dir, "coop.db");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = $"Data Source={file};Pooling=False",
        };
        await using (var app = new CoopAppFactory(settings))
        {
            await OrganizationBuilder.CreateAsync(app, "Acme", Coop.Domain.Authorization.DefaultRoles.Admin);
        }

        await using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(writer, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; CREATE TABLE backup_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        var users = await ScalarAsync(writer, "SELECT COUNT(*) FROM AspNetUsers");
        using var stop = new CancellationTokenSource();
        var written = 0L;
        var writing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ExecuteAsync(writer, $"INSERT INTO backup_probe (n, payload) VALUES ({written + 1}, '{new string('x', 500)}')");
                Interlocked.Increment(ref written);
            }
        }, TestContext.Current.CancellationToken);
        while (Interlocked.Read(ref written) < 200)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var before = Interlocked.Read(ref written);
        var backup = Path.Combine(dir, "copies", "coop-backup.db");
        var result = await CliProcess.RunAsync(settings, dir, "backup", "--to", backup);
        var after = Interlocked.Read(ref written);
        await stop.CancelAsync();
        await writing;

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("integrity check: ok", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(after > before, "the writes went on while the backup ran");
        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("ok", await StringAsync(copy, "PRAGMA integrity_check"));
        var rows = await ScalarAsync(copy, "SELECT COUNT(*) FROM backup_probe");
        // The copy is the database at one moment: every row up to some n, none missing, none after.
        Assert.InRange(rows, before, after + 1);
        Assert.Equal(rows, await ScalarAsync(copy, "SELECT COALESCE(MAX(n), 0) FROM backup_probe"));
        Assert.Equal(users, await ScalarAsync(copy, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.False(File.Exists(backup + "-wal"));

        var again = await CliProcess.RunAsync(settings, dir, "backup", "--to", backup);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_on_a_server_database_points_at_the_providers_own_tools()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={HealthTests.ClosedPort()};Database=coop;Username=coop;Password=unused",
        }, TestSettings.NewTempDirectory(), "backup", "--to", "copy.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pg_dump", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("BACKUP DATABASE", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql) =>
        Convert.ToInt64(await StringAsync(connection, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> StringAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
