using Quartz;

namespace Coop.Web.Features.Review.Claims;

/// <summary>Returns expired claims to their queues every few seconds (claims are void at expiry anyway; this keeps counts and "reviewing now" true).</summary>
[DisallowConcurrentExecution]
internal sealed partial class ClaimLeaseSweeperJob(JobClaims claims, ILogger<ClaimLeaseSweeperJob> logger) : IJob
{
    public static readonly JobKey Key = new("claim-lease-sweeper", "review");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var swept = await claims.SweepExpiredAsync(cancellationToken);
        if (swept > 0)
        {
            LogSwept(swept);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Returned {Count} expired claim(s) to their queues")]
    private partial void LogSwept(int count);
}
