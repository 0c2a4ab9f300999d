using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// Ready when the database answers and has every migration this build knows. The description never carries the
/// provider's exception text, which can name hosts or users.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<CoopDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("Reachable and migrated.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{pending} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.");
        }
    }
}
