using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Coop.Web.Operations;

/// <summary>Ready while the Quartz scheduler is running (started, not in standby, not shutting down or shut down).</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("The job scheduler is running.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"The job scheduler is {status}.");
    }
}
