using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review;

/// <summary>
/// Until queues carry reviewer lists, every reviewer of the organization (a role with <c>VIEW_MRT</c>)
/// may work every queue of it.
/// </summary>
internal sealed class QueueAccess(IDbContextFactory<CoopDbContext> factory) : IQueueAccess
{
    public async Task<bool> CanWorkAsync(string organizationId, string userId, string queueId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queueInOrg = await db.ReviewQueues.AnyAsync(q => q.Id == queueId && q.OrganizationId == organizationId, cancellationToken);
        if (!queueInOrg)
        {
            return false;
        }

        return await (
            from user in db.Users
            where user.Id == userId && user.OrganizationId == organizationId
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join claim in db.RoleClaims on userRole.RoleId equals claim.RoleId
            where claim.ClaimType == Permissions.ClaimType && claim.ClaimValue == Permissions.ViewMrt
            select claim.Id).AnyAsync(cancellationToken);
    }
}
