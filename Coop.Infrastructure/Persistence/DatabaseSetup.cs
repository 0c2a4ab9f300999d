using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Persistence.Providers.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence;

/// <summary>The one place that knows how each provider is configured (used at run time and design time).</summary>
public static class DatabaseSetup
{
    // Stateless: one instance serves every context.
    private static readonly TransactionWorkInterceptor TransactionWork = new();

    public static string ResolveSqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var directory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "coop.db")};Pooling=True";
    }

    // A captured collection in a query (ids.Contains(x.Id)) is sent as one parameter: a JSON array read with json_each on
    // SQLite, an array with = ANY on PostgreSQL. EF Core 10's default expands it into one parameter per element when the
    // query runs and then does not cache the command, so every execution of such a query built its SQL text again (on the
    // dashboards that was a third of the use case's garbage). SQL Server keeps EF's default (OPENJSON has plan caveats there
    // and there is no server here to measure against). Values fixed in code are inlined instead: see ConstantIn.

    public static void UseSqlite(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteCoopDbContext).Assembly.FullName)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqlitePragmaInterceptor(), TransactionWork);
        if (SqliteWriteGate.For(connectionString) is { } gate)
        {
            builder.AddInterceptors(new SqliteWriteGateInterceptor(gate));
        }
    }

    public static void UseSqlServer(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(typeof(SqlServerCoopDbContext).Assembly.FullName))
            .AddInterceptors(TransactionWork);

    public static void UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresCoopDbContext).Assembly.FullName)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SkipLockedInterceptor(), TransactionWork);
}
