using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review;

/// <summary>
/// A user may work a queue when they belong to its organization, hold <c>VIEW_MRT</c>, and — if the queue names
/// its reviewers — are one of the named users or hold one of the named roles. NCMEC queues also need <c>VIEW_CHILD_SAFETY_DATA</c>.
/// </summary>
internal sealed class QueueAccess(IDbContextFactory<CoopDbContext> factory) : IQueueAccess
{
    public async Task<bool> CanWorkAsync(string organizationId, string userId, string queueId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = await db.ReviewQueues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId && q.OrganizationId == organizationId, cancellationToken);
        if (queue is null)
        {
            return false;
        }

        var roles = await (
            from user in db.Users
            where user.Id == userId && user.OrganizationId == organizationId
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            select userRole.RoleId).ToListAsync(cancellationToken);
        var reviews = roles.Count > 0 && await db.RoleClaims.AnyAsync(
            c => roles.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.ViewMrt, cancellationToken);
        if (reviews && queue.Kind == Domain.Moderation.QueueKind.Ncmec)
        {
            // Child-safety queues are worked only by people who may see child-safety data.
            reviews = await db.RoleClaims.AnyAsync(
                c => roles.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.ViewChildSafetyData, cancellationToken);
        }

        return reviews && (!queue.IsRestricted || queue.ReviewerUsers.Contains(userId) || queue.ReviewerRoles.Any(roles.Contains));
    }
}
