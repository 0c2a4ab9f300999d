using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Coop.Infrastructure.Persistence;

/// <summary>Applies migrations: at start for embedded SQLite, or on demand with the <c>migrate</c> verb.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CoopDbContext> factory, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Applies pending migrations; returns true when the database was new (no migration had been applied).</summary>
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}",
                pending.Count, db.Database.ProviderName, pending);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
        }
        else
        {
            logger.LogInformation("Database schema is up to date ({Count} migrations)", applied.Count);
        }

        return new MigrationOutcome(applied.Count == 0, pending.Count);
    }

    /// <summary>Names of migrations the database still lacks.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }
}

/// <summary>What a migration run did.</summary>
public sealed record MigrationOutcome(bool WasNewDatabase, int AppliedCount);
