using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Strikes;
using Coop.Web.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Context;

/// <summary>
/// The user behind an item (the item itself for user items, else its author as last received): their recent
/// items, the decisions made on them, and their strikes. Null when no user is known.
/// </summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record GetUserContextQuery(string ItemTypeId, string ItemId, int Take = 10);

public sealed record UserItemRow(string ItemTypeId, string TypeName, string ItemId, DateTime LastSeenAt, int Versions);

public sealed record UserDecisionRow(string JobId, string ItemTypeId, string ItemId, DecisionKind Kind, string? Reviewer, DateTime DecidedAt);

public sealed record UserStrikeRow(string PolicyName, int Weight, DateTime CreatedAt, DateTime ExpiresAt, bool Active);

/// <summary>What a reviewer sees of the user behind a job.</summary>
public sealed record UserContext(
    ItemIdentifier User,
    string UserTypeName,
    string? DisplayName,
    int ActiveStrikes,
    int Score,
    IReadOnlyList<UserItemRow> RecentItems,
    IReadOnlyList<UserDecisionRow> Decisions,
    IReadOnlyList<UserStrikeRow> Strikes);

internal sealed class GetUserContextHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : IQueryHandler<GetUserContextQuery, UserContext?>
{
    public async Task<UserContext?> HandleAsync(GetUserContextQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var org = actor.OrganizationId;
        var types = await catalog.GetLatestAsync(org, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await ItemUser.ResolveAsync(db, types, org, new ItemIdentifier(query.ItemId, query.ItemTypeId), null, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var take = Math.Clamp(query.Take, 1, 100);
        var items = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == org && i.CreatorTypeId == user.TypeId && i.CreatorId == user.Id)
            .OrderByDescending(i => i.LastSeenAt).Take(take)
            .Select(i => new { i.ItemTypeId, i.ItemId, i.LastSeenAt, i.SubmissionCount })
            .ToListAsync(cancellationToken);
        var decisions = await (
            from d in db.ReviewDecisions.AsNoTracking()
            where d.OrganizationId == org && d.UserItemTypeId == user.TypeId && d.UserItemId == user.Id
            orderby d.DecidedAt descending
            select new UserDecisionRow(d.JobId, d.ItemTypeId, d.ItemId, d.Kind, d.ReviewerEmail, d.DecidedAt))
            .Take(take).ToListAsync(cancellationToken);
        var strikes = await (
            from s in db.UserStrikes.AsNoTracking()
            where s.OrganizationId == org && s.UserItemTypeId == user.TypeId && s.UserItemId == user.Id
            orderby s.CreatedAt descending
            select new { s.PolicyId, s.Weight, s.CreatedAt, s.ExpiresAt, s.RemovedAt })
            .Take(take).ToListAsync(cancellationToken);
        var policyIds = strikes.Select(s => s.PolicyId).Distinct().ToList();
        var policyNames = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var active = await StrikeLedger.ActiveTotalAsync(db, org, user, now, cancellationToken);
        var displayName = await (
            from i in db.Set<Item>()
            where i.OrganizationId == org && i.ItemTypeId == user.TypeId && i.ItemId == user.Id
            join s in db.Set<ItemSubmission>() on i.LatestSubmissionId equals s.Id
            select s.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new UserContext(
            user, types.ById(user.TypeId)?.Name ?? user.TypeId, displayName, active, StrikeRules.UserScore(active),
            [.. items.Select(i => new UserItemRow(i.ItemTypeId, types.ById(i.ItemTypeId)?.Name ?? i.ItemTypeId, i.ItemId, i.LastSeenAt, i.SubmissionCount))],
            decisions,
            [.. strikes.Select(s => new UserStrikeRow(policyNames.GetValueOrDefault(s.PolicyId, s.PolicyId), s.Weight, s.CreatedAt, s.ExpiresAt,
                s.RemovedAt == null && s.ExpiresAt > now))]);
    }
}
