using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Persistence.Providers.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Unit.Persistence;

/// <summary>Fails when the model changed without `scripts/add-migration.sh` (for any of the three providers).</summary>
[Trait("Category", "Unit")]
public sealed class PendingModelChangesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Migrations_match_the_model(DatabaseProvider provider)
    {
        using var db = CreateOffline(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag behind the model: run scripts/add-migration.sh <Name>.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_provider_has_the_same_migrations(DatabaseProvider provider)
    {
        using var db = CreateOffline(provider);
        using var reference = CreateOffline(DatabaseProvider.Sqlite);

        static IEnumerable<string> Names(CoopDbContext c) => c.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(reference), Names(db));
    }

    private static CoopDbContext CreateOffline(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteCoopDbContext>();
                DatabaseSetup.UseSqlite(sqlite, "Data Source=:memory:");
                return new SqliteCoopDbContext(sqlite.Options);
            case DatabaseProvider.SqlServer:
                var sqlServer = new DbContextOptionsBuilder<SqlServerCoopDbContext>();
                DatabaseSetup.UseSqlServer(sqlServer, "Server=127.0.0.1;Database=offline;User Id=x;Password=y;TrustServerCertificate=True");
                return new SqlServerCoopDbContext(sqlServer.Options);
            case DatabaseProvider.Postgres:
                var postgres = new DbContextOptionsBuilder<PostgresCoopDbContext>();
                DatabaseSetup.UsePostgres(postgres, "Host=127.0.0.1;Database=offline;Username=x");
                return new PostgresCoopDbContext(postgres.Options);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }
}
