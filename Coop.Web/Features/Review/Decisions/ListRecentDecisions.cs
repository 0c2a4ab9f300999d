using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>
/// The organization's most recent decisions, newest first; optionally only those about one item (the job view's
/// "prior decisions"). Decisions on NCMEC jobs are shown only to users with child-safety access.
/// </summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ListRecentDecisionsQuery(int Take = 50, string? ItemTypeId = null, string? ItemId = null);

/// <summary>One decision as lists show it, with action and policy names resolved.</summary>
public sealed record DecisionRow(
    string JobId,
    DateTime DecidedAt,
    DecisionKind Kind,
    string Reviewer,
    string QueueName,
    string ItemTypeId,
    string ItemId,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Policies,
    string? Reason);

internal sealed class ListRecentDecisionsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>
{
    public async Task<IReadOnlyList<DecisionRow>> HandleAsync(ListRecentDecisionsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var childSafety = principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var decisions =
            from d in db.ReviewDecisions.AsNoTracking()
            join q in db.ReviewQueues.AsNoTracking() on d.QueueId equals q.Id
            where d.OrganizationId == actor.OrganizationId && (childSafety || (q.Kind != QueueKind.Ncmec && d.Kind != DecisionKind.SubmitNcmecReport))
            select new { Decision = d, QueueName = q.Name };
        if (query.ItemId is not null)
        {
            decisions = decisions.Where(x => x.Decision.ItemId == query.ItemId && (query.ItemTypeId == null || x.Decision.ItemTypeId == query.ItemTypeId));
        }

        var rows = await decisions.OrderByDescending(x => x.Decision.DecidedAt).ThenByDescending(x => x.Decision.JobId)
            .Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(cancellationToken);
        var actionIds = rows.SelectMany(r => Ids(r.Decision.ActionIds)).Distinct().ToList();
        var policyIds = rows.SelectMany(r => Ids(r.Decision.PolicyIds)).Distinct().ToList();
        var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId && actionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var policyNames = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == actor.OrganizationId && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. rows.Select(r => new DecisionRow(
            r.Decision.JobId, r.Decision.DecidedAt, r.Decision.Kind, r.Decision.ReviewerEmail ?? "Automatic", r.QueueName,
            r.Decision.ItemTypeId, r.Decision.ItemId,
            [.. Ids(r.Decision.ActionIds).Select(id => actionNames.GetValueOrDefault(id, id))],
            [.. Ids(r.Decision.PolicyIds).Select(id => policyNames.GetValueOrDefault(id, id))],
            r.Decision.Reason))];
    }

    private static string[] Ids(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
