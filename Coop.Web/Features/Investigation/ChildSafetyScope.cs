using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation;

/// <summary>
/// What of child-safety (NCMEC) review a user may see in investigation. Without VIEW_CHILD_SAFETY_DATA, an item whose
/// only review jobs are in NCMEC queues is hidden altogether, and NCMEC jobs (their decisions, reports and actions) are
/// left out of every other item's history.
/// </summary>
public sealed record ChildSafetyScope(bool CanSee, IReadOnlyList<string> NcmecQueueIds)
{
    public static async Task<ChildSafetyScope> LoadAsync(CoopDbContext db, string organizationId, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(principal);
        var canSee = principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData);
        var queues = canSee ? [] : await db.ReviewQueues.AsNoTracking()
            .Where(q => q.OrganizationId == organizationId && q.Kind == QueueKind.Ncmec).Select(q => q.Id).ToListAsync(cancellationToken);
        return new ChildSafetyScope(canSee, queues);
    }

    /// <summary>True when nothing needs hiding (the user may see child safety, or there are no NCMEC queues).</summary>
    public bool HidesNothing => CanSee || NcmecQueueIds.Count == 0;

    public bool Hides(string queueId) => !HidesNothing && NcmecQueueIds.Contains(queueId);
}
