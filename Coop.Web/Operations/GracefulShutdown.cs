using Coop.Web.Features.Review.Claims;

namespace Coop.Web.Operations;

/// <summary>
/// On SIGTERM or <c>StopAsync</c>, before any other service stops: the node refuses new claims, reports not ready, and
/// gives every claim its circuits hold back to its queue at once (not after the lease runs out). Quartz then lets
/// running jobs finish (<c>WaitForJobsToComplete</c>) and the webhook dispatcher records what it sent and releases
/// what it had not, all within <see cref="HostOptions.ShutdownTimeout"/> (<c>Shutdown:TimeoutSeconds</c>).
/// </summary>
internal sealed partial class GracefulShutdown(NodeClaims node, JobClaims claims, ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        node.BeginDraining();
        var released = 0;
        foreach (var (jobId, organizationId, userId) in node.Held)
        {
            try
            {
                if (await claims.ReleaseAsync(organizationId, jobId, userId, cancellationToken: cancellationToken))
                {
                    released++;
                }

                node.Forget(jobId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReleaseFailed(logger, jobId, ex);
            }
        }

        LogDrained(logger, released);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: new claims refused, {Released} claim(s) returned to their queues")]
    private static partial void LogDrained(ILogger logger, int released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: could not return job {JobId} to its queue; its lease will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string jobId, Exception exception);
}
