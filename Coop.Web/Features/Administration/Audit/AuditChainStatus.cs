using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Audit;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>The result of the latest chain verification (daily job, CLI or "Verify now"), for the audit page.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetAuditChainStatusQuery;

/// <summary>Verifies the whole chain now and records the result (alerting on a break like the daily job).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record VerifyAuditChainCommand;

public sealed record AuditChainStatus(long Length, DateTime? LastVerifiedAt, bool? Intact, string? Problem);

internal sealed class AuditChainStatusHandler(IDbContextFactory<CoopDbContext> factory, AuditChainCheck check)
    : IQueryHandler<GetAuditChainStatusQuery, AuditChainStatus>, ICommandHandler<VerifyAuditChainCommand, AuditChainStatus>
{
    public async Task<AuditChainStatus> HandleAsync(GetAuditChainStatusQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.GlobalId, cancellationToken);
        return new AuditChainStatus(head.Sequence, head.LastVerifiedAt, head.LastVerifiedIntact, head.LastVerificationProblem);
    }

    public async Task<AuditChainStatus> HandleAsync(VerifyAuditChainCommand command, CancellationToken cancellationToken = default)
    {
        var report = await check.RunAsync(cancellationToken);
        return new AuditChainStatus(report.Checked, report.VerifiedAt, report.Intact, report.Problem);
    }
}

/// <summary>Verifies the chain and, on a break, raises the alarm: an error in the log, an <c>audit.chain-broken</c> entry in every organization's log, and the notifier.</summary>
public sealed partial class AuditChainCheck(
    AuditChainVerifier verifier, IDbContextFactory<CoopDbContext> factory, IAuditAlertNotifier notifier, TimeProvider time, ILogger<AuditChainCheck> logger)
{
    public async Task<AuditChainReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(cancellationToken);
        if (report.Intact)
        {
            LogIntact(logger, report.Checked);
            return report;
        }

        LogBroken(logger, report.Problem);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var organizations = await db.Organizations.AsNoTracking().Select(o => o.Id).ToListAsync(cancellationToken);
            foreach (var organizationId in organizations)
            {
                db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "system", "audit.chain-broken", "audit-entry",
                    report.BrokenEntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture), report.Problem, time.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await notifier.ChainBrokenAsync(report, cancellationToken);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain verified: {Count} entries intact")]
    private static partial void LogIntact(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit chain is broken: {Problem}")]
    private static partial void LogBroken(ILogger logger, string? problem);
}

/// <summary>Tells people the audit chain is broken (<see cref="AuditChainAlertEmail"/> emails each organization's on-call address and admins).</summary>
public interface IAuditAlertNotifier
{
    Task ChainBrokenAsync(AuditChainReport report, CancellationToken cancellationToken);
}
