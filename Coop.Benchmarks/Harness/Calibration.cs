using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Coop.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Harness;

/// <summary>
/// The calibration block recorded with every run, so absolute figures can be compared across machines: fdatasync latency,
/// SQLite WAL one-row-per-transaction rate under FULL and NORMAL, raw Kestrel <c>/plain</c> and <c>/echo</c> rates at
/// concurrency 16 and 64, and for PostgreSQL or SQL Server the single-row commit rate. It also reads the settings the
/// product's own connections get (SQLite <c>synchronous</c> and <c>journal_mode</c>, PostgreSQL <c>synchronous_commit</c>).
/// </summary>
public static class Calibration
{
    public sealed record Result(IReadOnlyDictionary<string, string> Figures, IReadOnlyDictionary<string, string> Settings);

    public static async Task<Result> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var figures = new Dictionary<string, string>();
        var settings = new Dictionary<string, string>();
        var leg = TimeSpan.FromSeconds(options.Short ? 1 : 3);
        var directory = Path.Combine(Path.GetTempPath(), "coop-calibration-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            var (p50, p99) = await FsyncAsync(Path.Combine(directory, "fsync.bin"), options.Short ? 100 : 500);
            figures["fdatasync p50/p99"] = F($"{p50:0.00}/{p99:0.00} ms");
            foreach (var mode in new[] { "FULL", "NORMAL" })
            {
                var rate = await SqliteCommitRateAsync(Path.Combine(directory, $"commit-{mode}.db"), mode, leg, cancellationToken);
                figures[$"SQLite WAL 1 row/tx {mode}"] = F($"{rate:0}/s");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        await using (var echo = await EchoServer.StartAsync())
        {
            var body = Encoding.UTF8.GetBytes("""{"items":[{"id":"p1","typeId":"post","data":{"text":"calibration"}}]}""");
            foreach (var concurrency in new[] { 16, 64 })
            {
                using var client = LoadGenerator.Client(echo.BaseAddress, concurrency);
                var plain = await LoadGenerator.RunAsync(concurrency, leg, async (_, _) =>
                {
                    using var response = await client.GetAsync(new Uri("plain", UriKind.Relative), cancellationToken);
                    return response.IsSuccessStatusCode;
                }, cancellationToken);
                var echoed = await LoadGenerator.RunAsync(concurrency, leg, async (_, _) =>
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new("application/json");
                    using var response = await client.PostAsync(new Uri("echo", UriKind.Relative), content, cancellationToken);
                    return response.IsSuccessStatusCode;
                }, cancellationToken);
                figures[$"Kestrel /plain c={concurrency}"] = F($"{plain.Rate:0}/s");
                figures[$"Kestrel /echo c={concurrency}"] = F($"{echoed.Rate:0}/s");
            }
        }

        await ProductSettingsAsync(options, figures, settings, leg, cancellationToken);
        return new Result(figures, settings);
    }

    /// <summary>fdatasync latency: 4 KB appended and flushed to disk each time, in the temp folder the SQLite databases use.</summary>
    private static async Task<(double P50, double P99)> FsyncAsync(string path, int count)
    {
        var block = new byte[4096];
        var times = new List<double>(count);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None);
        for (var i = 0; i < count; i++)
        {
            file.Write(block);
            var started = Stopwatch.GetTimestamp();
            file.Flush(flushToDisk: true);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var result = new LoadResult(count, 0, TimeSpan.FromSeconds(1), times);
        return (result.P50, result.P99);
    }

    /// <summary>One row per transaction into a fresh WAL database for the given time.</summary>
    private static async Task<double> SqliteCommitRateAsync(string path, string synchronous, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);", cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (v) VALUES ($v)";
        var value = insert.CreateParameter();
        value.ParameterName = "$v";
        value.Value = new string('x', 200);
        insert.Parameters.Add(value);
        var rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            insert.Transaction = (SqliteTransaction)transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            rows++;
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The settings the product's connections run with, read from a hosted console's own DbContext; the commit rate on PostgreSQL/SQL Server.</summary>
    private static async Task ProductSettingsAsync(
        BenchmarkOptions options, Dictionary<string, string> figures, Dictionary<string, string> settings, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var host = new BenchmarkHost(options);
        var factory = host.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        switch (options.Provider)
        {
            case "sqlite":
                var synchronous = await ScalarAsync(connection, "PRAGMA synchronous", cancellationToken);
                settings["synchronous"] = synchronous switch { "0" => "OFF", "1" => "NORMAL", "2" => "FULL", "3" => "EXTRA", _ => synchronous };
                settings["journal_mode"] = await ScalarAsync(connection, "PRAGMA journal_mode", cancellationToken);
                break;
            case "postgres":
                settings["synchronous_commit"] = await ScalarAsync(connection, "SHOW synchronous_commit", cancellationToken);
                settings["server"] = await ScalarAsync(connection, "SHOW server_version", cancellationToken);
                figures["PostgreSQL 1 row/tx"] = F($"{await CommitRateAsync(connection, "CREATE TABLE IF NOT EXISTS bench_calibration (id bigserial PRIMARY KEY, v text NOT NULL)", "INSERT INTO bench_calibration (v) VALUES (@v)", "DROP TABLE bench_calibration", duration, cancellationToken):0}/s");
                break;
            case "sqlserver":
                settings["server"] = await ScalarAsync(connection, "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(64))", cancellationToken);
                figures["SQL Server 1 row/tx"] = F($"{await CommitRateAsync(connection, "CREATE TABLE bench_calibration (id bigint IDENTITY PRIMARY KEY, v nvarchar(400) NOT NULL)", "INSERT INTO bench_calibration (v) VALUES (@v)", "DROP TABLE bench_calibration", duration, cancellationToken):0}/s");
                break;
        }

        await db.Database.CloseConnectionAsync();
    }

    private static async Task<double> CommitRateAsync(DbConnection connection, string create, string insertSql, string drop, TimeSpan duration, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, create, cancellationToken);
        try
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = insertSql;
            var value = insert.CreateParameter();
            value.ParameterName = "@v";
            value.Value = new string('x', 200);
            insert.Parameters.Add(value);
            var rows = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                rows++;
            }

            return rows / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await ExecuteAsync(connection, drop, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
