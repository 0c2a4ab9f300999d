using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>
/// The console banner for admins (Manage organization): the latest verification of the audit chain found a break. Null
/// while the chain is intact or was never verified; the banner stays until a verification finds the chain intact again.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetAuditChainAlertQuery;

public sealed record AuditChainAlert(DateTime VerifiedAt, string Problem);

internal sealed class AuditChainAlertHandler(IDbContextFactory<CoopDbContext> factory) : IQueryHandler<GetAuditChainAlertQuery, AuditChainAlert?>
{
    public async Task<AuditChainAlert?> HandleAsync(GetAuditChainAlertQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.GlobalId, cancellationToken);
        return head is { LastVerifiedIntact: false, LastVerifiedAt: { } at }
            ? new AuditChainAlert(at, head.LastVerificationProblem ?? "The audit chain is broken.")
            : null;
    }
}
