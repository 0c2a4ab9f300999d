using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Persistence.Providers.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coop.Infrastructure.Persistence.Providers;

// Used only by `dotnet ef` (scripts/add-migration.sh). The connection strings are placeholders:
// adding a migration or checking for pending model changes never connects.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCoopDbContext>
{
    public SqliteCoopDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteCoopDbContext>();
        DatabaseSetup.UseSqlite(builder, "Data Source=design-time.db");
        return new SqliteCoopDbContext(builder.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCoopDbContext>
{
    public SqlServerCoopDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerCoopDbContext>();
        DatabaseSetup.UseSqlServer(builder, "Server=localhost;Database=coop_design;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerCoopDbContext(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCoopDbContext>
{
    public PostgresCoopDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresCoopDbContext>();
        DatabaseSetup.UsePostgres(builder, "Host=localhost;Database=coop_design;Username=coop");
        return new PostgresCoopDbContext(builder.Options);
    }
}
