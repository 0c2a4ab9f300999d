using Quartz;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>Daily: verifies the audit chain and alerts admins when it is broken.</summary>
[DisallowConcurrentExecution]
internal sealed class AuditChainVerificationJob(AuditChainCheck check) : IJob
{
    public static readonly JobKey Key = new("audit-chain-verification", "audit");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await check.RunAsync(cancellationToken);
}
