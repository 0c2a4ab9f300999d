using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>Everything the decision panel offers for one job, in one query.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record GetDecisionOptionsQuery(string JobId);

/// <summary>A queue a job can be moved to.</summary>
public sealed record MoveTarget(string Id, string Name, QueueKind Kind);

/// <summary>
/// The decisions open to a reviewer on a job: the actions that apply to its item type, the policies (with their
/// guidelines), the queues it can move to, whether it is an appeal, and the organization's decision rules.
/// </summary>
public sealed record DecisionOptions(
    string JobId,
    bool IsOpen,
    bool IsAppeal,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<PolicyView> Policies,
    IReadOnlyList<MoveTarget> MoveTargets,
    bool CanEnqueueToNcmec,
    bool RequirePolicy,
    bool RequireReasonOnAction,
    bool RequireReasonOnIgnore,
    bool AllowMultiplePolicies);

internal sealed class GetDecisionOptionsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, ActionPublisher publisher)
    : IQueryHandler<GetDecisionOptionsQuery, DecisionOptions?>
{
    public async Task<DecisionOptions?> HandleAsync(GetDecisionOptionsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = await db.ReviewJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == query.JobId && j.OrganizationId == actor.OrganizationId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var itemType = (await catalog.GetLatestAsync(actor.OrganizationId, cancellationToken)).ById(job.ItemTypeId);
        var actions = itemType is null
            ? []
            : (await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken))
                .Where(a => a.ActionType == Domain.Actions.ActionType.CustomAction && publisher.CanRun(a) && DecisionPlan.AppliesTo(a, itemType.Id, itemType.Kind.ToString()))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .Select(ActionView.From)
                .ToList();
        var hidden = (await db.ReviewQueues.AsNoTracking().Where(q => q.Id == job.QueueId).Select(q => q.HiddenActionIds).SingleAsync(cancellationToken));
        actions = [.. actions.Where(a => !hidden.Contains($"\"{a.Id}\"", StringComparison.Ordinal))];
        var tree = new PolicyTree(await db.Policies.AsNoTracking().Where(p => p.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken));
        var policies = Flatten(tree, null).ToList();
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId).OrderBy(q => q.Name).ToListAsync(cancellationToken);
        var current = queues.FirstOrDefault(q => q.Id == job.QueueId);
        var principal = await currentUser.GetPrincipalAsync();
        var settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        return new DecisionOptions(
            job.Id,
            job.Status == JobStatus.Open,
            job.AppealId is not null,
            actions,
            policies,
            [.. queues.Where(q => q.Id != job.QueueId && q.Kind != QueueKind.Ncmec && q.Kind == (current?.Kind ?? QueueKind.Standard)).Select(q => new MoveTarget(q.Id, q.Name, q.Kind))],
            current?.Kind != QueueKind.Ncmec && queues.Any(q => q.Kind == QueueKind.Ncmec) && principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData),
            settings.RequirePolicyForDecisions,
            settings.RequireReasonOnAction,
            settings.RequireReasonOnIgnore,
            settings.AllowMultiplePoliciesPerAction);
    }

    private static IEnumerable<PolicyView> Flatten(PolicyTree tree, string? parentId) =>
        tree.ChildrenOf(parentId).SelectMany(p => Flatten(tree, p.Id).Prepend(PolicyView.From(p, tree)));
}
