using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coop.Web.Operations;

/// <summary>Not ready once the node is shutting down, so a proxy stops sending it new sessions.</summary>
internal sealed class DrainHealthCheck(NodeClaims node) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(node.IsDraining
            ? new HealthCheckResult(context.Registration.FailureStatus, "The node is shutting down.")
            : HealthCheckResult.Healthy("Accepting work."));
}
