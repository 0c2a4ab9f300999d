using Coop.Domain.ItemTypes;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Strikes;

/// <summary>
/// Users' strikes: the live total (exact at any moment, whether or not expired rows have been cleaned up) and the
/// strike one event adds. Works inside the caller's context so a strike commits with the action that caused it.
/// </summary>
public static class StrikeLedger
{
    /// <summary>The user's active strikes at <paramref name="nowUtc"/>: unexpired and not removed.</summary>
    public static async Task<int> ActiveTotalAsync(CoopDbContext db, string organizationId, ItemIdentifier user, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        return await db.UserStrikes.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.UserItemTypeId == user.TypeId && s.UserItemId == user.Id
                && s.ExpiresAt > nowUtc && s.RemovedAt == null)
            .SumAsync(s => (int?)s.Weight, cancellationToken) ?? 0;
    }

    /// <summary>
    /// Adds the event's strike (if it carries one) to <paramref name="user"/> and returns the user's total after it;
    /// the expiry is fixed now from the organization's strike window.
    /// </summary>
    public static async Task<int> ApplyAsync(
        CoopDbContext db, string organizationId, ItemIdentifier user, (string PolicyId, int Weight)? strike, string correlationId, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = await ActiveTotalAsync(db, organizationId, user, nowUtc, cancellationToken);
        if (strike is not { } applied)
        {
            return total;
        }

        var ttlDays = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.StrikeTtlDays).SingleAsync(cancellationToken);
        db.UserStrikes.Add(UserStrike.Add(organizationId, user.TypeId, user.Id, applied.PolicyId, applied.Weight, correlationId, nowUtc, TimeSpan.FromDays(ttlDays)));
        return total + applied.Weight;
    }

    /// <summary>
    /// Removes the strikes that the given actions added when they ran on the item (an accepted appeal overturns
    /// them); returns how many strike rows were removed.
    /// </summary>
    public static async Task<int> ReverseAsync(
        CoopDbContext db, string organizationId, string itemTypeId, string itemId, IReadOnlyCollection<string> actionIds, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var causes = await db.ActionExecutions.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.ItemTypeId == itemTypeId && e.ItemId == itemId && actionIds.Contains(e.ActionId))
            .Select(e => e.CorrelationId).Distinct().ToListAsync(cancellationToken);
        if (causes.Count == 0)
        {
            return 0;
        }

        var strikes = await db.UserStrikes
            .Where(s => s.OrganizationId == organizationId && causes.Contains(s.CorrelationId) && s.RemovedAt == null)
            .ToListAsync(cancellationToken);
        strikes.ForEach(s => s.Remove(nowUtc));
        return strikes.Count;
    }
}
