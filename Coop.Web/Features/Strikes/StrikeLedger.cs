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
}
