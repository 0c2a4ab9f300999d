using Coop.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Coop.Tests.Support;

/// <summary>
/// A fresh, empty database of one provider, dropped on dispose: a file for SQLite, a new database on the
/// test PostgreSQL or SQL Server server. Each test class gets its own, so tests never share state.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>True when the provider's server is configured for this run.</summary>
    public static bool IsAvailable(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => true,
        DatabaseProvider.Postgres => !string.IsNullOrEmpty(TestSettings.Postgres),
        DatabaseProvider.SqlServer => !string.IsNullOrEmpty(TestSettings.SqlServer),
        _ => false,
    };

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var name = "coop_test_" + Guid.NewGuid().ToString("N")[..12];
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var dir = TestSettings.NewTempDirectory();
                return new TestDatabase(provider, $"Data Source={Path.Combine(dir, "coop.db")};Pooling=False", () =>
                {
                    Directory.Delete(dir, recursive: true);
                    return Task.CompletedTask;
                });
            case DatabaseProvider.Postgres:
                var pg = new NpgsqlConnectionStringBuilder(TestSettings.Postgres ?? throw new InvalidOperationException("COOP_TEST_POSTGRES is not set."));
                await ExecutePostgresAsync(pg.ConnectionString, $"CREATE DATABASE \"{name}\"");
                // Pooled, as the product runs in production (a connection per command costs a server process each: it made the
                // PostgreSQL tests several times slower than SQLite's); the pool's idle connections are closed before the drop.
                var pgTest = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 };
                return new TestDatabase(provider, pgTest.ConnectionString, async () =>
                {
                    await using (var pooled = new NpgsqlConnection(pgTest.ConnectionString))
                    {
                        NpgsqlConnection.ClearPool(pooled);
                    }

                    await ExecutePostgresAsync(pg.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                });
            case DatabaseProvider.SqlServer:
                var ss = new SqlConnectionStringBuilder(TestSettings.SqlServer ?? throw new InvalidOperationException("COOP_TEST_SQLSERVER is not set."));
                await ExecuteSqlServerAsync(ss.ConnectionString, $"CREATE DATABASE [{name}]");
                var ssTest = new SqlConnectionStringBuilder(ss.ConnectionString) { InitialCatalog = name, Pooling = false };
                return new TestDatabase(provider, ssTest.ConnectionString, () => ExecuteSqlServerAsync(ss.ConnectionString,
                    $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]"));
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync() => await drop();

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteSqlServerAsync(string connectionString, string sql)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
