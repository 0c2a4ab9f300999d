using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Routing;

/// <summary>The built-in "Enqueue to review" action: the item goes to review through the routing rules (source: the action's cause).</summary>
internal sealed class EnqueueToReviewEffect(RoutingContextFactory contexts) : IBuiltInActionEffect
{
    public ActionType ActionType => ActionType.EnqueueToMrt;

    public async Task<IReadOnlyList<LiveEvent>> ApplyAsync(
        CoopDbContext db, ActionPublication publication, ActionInvocation invocation, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var item = publication.Target.Item;
        var data = publication.ItemData ?? await EnqueueEffectData.LatestAsync(db, publication.OrganizationId, item.TypeId, item.Id, cancellationToken);
        var enqueued = await JobEnqueuer.EnqueueAsync(
            db, publication.OrganizationId, item.TypeId, item.Id, EnqueueEffectData.SourceOf(publication.Source),
            [.. publication.Policies.Select(p => p.Id)], data, null, QueueKind.Standard, EnqueueEffectData.Detail(publication), nowUtc,
            conditions => contexts.ForLatestAsync(db, publication.OrganizationId, item.TypeId, item.Id, conditions, cancellationToken), cancellationToken);
        return enqueued.Announcements;
    }
}

/// <summary>The built-in "Enqueue author to review" action: the content's author (a user item) goes to review.</summary>
internal sealed class EnqueueAuthorToReviewEffect(RoutingContextFactory contexts) : IBuiltInActionEffect
{
    public ActionType ActionType => ActionType.EnqueueAuthorToMrt;

    public async Task<IReadOnlyList<LiveEvent>> ApplyAsync(
        CoopDbContext db, ActionPublication publication, ActionInvocation invocation, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        if (publication.Target.Creator is not { } author)
        {
            // Nothing known to enqueue: the execution record still shows the action ran, with no job.
            return [];
        }

        var data = await EnqueueEffectData.LatestAsync(db, publication.OrganizationId, author.TypeId, author.Id, cancellationToken);
        var enqueued = await JobEnqueuer.EnqueueAsync(
            db, publication.OrganizationId, author.TypeId, author.Id, EnqueueEffectData.SourceOf(publication.Source),
            [.. publication.Policies.Select(p => p.Id)], data, null, QueueKind.Standard, EnqueueEffectData.Detail(publication), nowUtc,
            conditions => contexts.ForLatestAsync(db, publication.OrganizationId, author.TypeId, author.Id, conditions, cancellationToken), cancellationToken);
        return enqueued.Announcements;
    }
}

internal static class EnqueueEffectData
{
    public static async Task<JsonObject?> LatestAsync(CoopDbContext db, string organizationId, string itemTypeId, string itemId, CancellationToken cancellationToken)
    {
        var json = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == itemTypeId && i.ItemId == itemId)
            .Join(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id, (i, s) => s.Data)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonNode.Parse(json) as JsonObject;
    }

    public static JobSource SourceOf(ActionExecutionSource source) => source switch
    {
        ActionExecutionSource.Rule => JobSource.RuleExecution,
        ActionExecutionSource.PostActions => JobSource.PostActions,
        _ => JobSource.Manual,
    };

    public static string Detail(ActionPublication publication) => publication.Rules.Count > 0
        ? $"Enqueued by rule {string.Join(", ", publication.Rules.Select(r => r.Name))}"
        : publication.ActorEmail is { } actor ? $"Enqueued by {actor}" : "Enqueued by an action";
}
