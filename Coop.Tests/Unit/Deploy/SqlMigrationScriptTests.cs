using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers;
using Coop.Tests.Unit.Architecture;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coop.Tests.Unit.Deploy;

/// <summary>
/// deploy/sql/*/coop.sql are what a DBA applies: they must be the idempotent script of the current migrations, exactly as
/// scripts/script-migrations.sh writes them (<c>dotnet ef migrations script --idempotent</c> with each provider's
/// design-time context). Generated in-process here, so the check needs no dotnet-ef process and no database.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SqlMigrationScriptTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres, "postgres")]
    [InlineData(DatabaseProvider.SqlServer, "sqlserver")]
    public void The_deploy_script_is_the_idempotent_script_of_the_current_migrations(DatabaseProvider provider, string folder)
    {
        using var db = DesignTimeContext(provider);
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var path = Path.Combine(LayeringTests.RepositoryRoot(), "deploy", "sql", folder, "coop.sql");
        Assert.True(File.Exists(path), $"{path} is missing: run scripts/script-migrations.sh.");
        var actual = File.ReadAllText(path);

        Assert.True(Normalise(expected) == Normalise(actual),
            $"deploy/sql/{folder}/coop.sql is stale (it is not the idempotent script of the current {provider} migrations): run scripts/script-migrations.sh.");
    }

    [Fact]
    public void A_stale_script_is_detected()
    {
        using var db = DesignTimeContext(DatabaseProvider.Postgres);
        var current = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var last = db.Database.GetMigrations().Last();
        var withoutLast = db.GetService<IMigrator>().GenerateScript(toMigration: db.Database.GetMigrations().SkipLast(1).Last(), options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains(last, current, StringComparison.Ordinal);
        Assert.NotEqual(Normalise(current), Normalise(withoutLast));
    }

    private static CoopDbContext DesignTimeContext(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresDesignTimeFactory().CreateDbContext([]),
        DatabaseProvider.SqlServer => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    // dotnet ef writes the file with a byte order mark; git may check it out with CRLF line endings.
    private static string Normalise(string script) =>
        script.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}
