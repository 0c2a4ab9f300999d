using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Coop.Web.Features.Dashboards.Rollups;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// Puts an item into review outside the report flow (a rule's enqueue, the built-in "Enqueue to review" actions):
/// into the queue given, else the first routing rule of the kind that matches, else the kind's default queue;
/// joining the item's open job there when one exists (also one added earlier in the same unit of work).
/// Adds to the caller's context; the caller commits, then publishes <see cref="Enqueued.Announcements"/>.
/// </summary>
public static class JobEnqueuer
{
    public sealed record Enqueued(ReviewJob Job, ReviewQueue Queue, bool Opened)
    {
        public IReadOnlyList<LiveEvent> Announcements =>
        [
            new(Job.OrganizationId, LiveTopics.Queue(Queue.Id), LiveEventKinds.JobEnqueued, Job.Id),
            new(Job.OrganizationId, LiveTopics.Queues(Job.OrganizationId), LiveEventKinds.JobEnqueued, Job.Id),
            new(Job.OrganizationId, LiveTopics.Job(Job.Id), LiveEventKinds.JobUpdated, Job.Id),
        ];
    }

    public static async Task<Enqueued> EnqueueAsync(
        CoopDbContext db, string organizationId, string itemTypeId, string itemId, JobSource source, IReadOnlyList<string> policyIds,
        JsonObject? data, string? queueId, QueueKind kind, string detail, DateTime nowUtc, RoutingContextSource? routing,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policyIds);
        var queues = await DefaultQueues.EnsureAsync(db, organizationId, nowUtc, cancellationToken);
        var queue = (queueId is null ? null : queues.FirstOrDefault(q => q.Id == queueId))
            ?? await MatchAsync(db, organizationId, kind, new RoutingSubject(itemTypeId, null, policyIds, string.Empty, string.Empty, data), queues, routing,
                cancellationToken)
            ?? DefaultQueues.DefaultOf(queues, kind)!;
        var key = ReviewJob.ItemKey(itemTypeId, itemId);
        var job = db.ReviewJobs.Local.FirstOrDefault(j => j.QueueId == queue.Id && j.OpenItemKey == key)
            ?? await db.ReviewJobs.SingleOrDefaultAsync(j => j.QueueId == queue.Id && j.OpenItemKey == key, cancellationToken);
        var opened = job is null;
        if (job is null)
        {
            job = ReviewJob.Open(organizationId, queue.Id, itemTypeId, itemId, source, nowUtc, JsonSerializer.Serialize(policyIds.Distinct().ToArray()));
            db.ReviewJobs.Add(job);
            await RollupWriter.OnJobOpenedAsync(db, job, cancellationToken);
        }
        else
        {
            foreach (var policyId in policyIds)
            {
                job.AddPolicy(policyId);
            }
        }

        var ids = job.PolicyIdList;
        var penalty = ids.Count == 0
            ? null
            : await db.Policies.Where(p => p.OrganizationId == organizationId && ids.Contains(p.Id)).MaxAsync(p => (Penalty?)p.Penalty, cancellationToken);
        job.SetPriority(JobPriority.Score(penalty, job.ReportCount, queue.Kind == QueueKind.Ncmec));
        db.JobEvents.Add(JobEvent.Record(organizationId, job.Id, opened ? JobEventKind.Created : JobEventKind.ReportAttached, null, nowUtc, detail: detail));
        return new Enqueued(job, queue, opened);
    }

    /// <summary>
    /// The queue of the first routing rule of the kind whose condition passes; null when none does. Conditions are
    /// evaluated like proactive rules' (three-valued, signals included); <paramref name="routing"/> gives the item and its
    /// signals (without it, conditions see the report alone and every signal is unavailable).
    /// </summary>
    internal static async Task<ReviewQueue?> MatchAsync(
        CoopDbContext db, string organizationId, QueueKind kind, RoutingSubject subject, IReadOnlyList<ReviewQueue> queues, RoutingContextSource? routing,
        CancellationToken cancellationToken)
    {
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.Kind == kind)
            .OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var candidates = new List<(Condition Condition, ReviewQueue Target)>();
        foreach (var rule in rules)
        {
            try
            {
                if (queues.FirstOrDefault(q => q.Id == rule.TargetQueueId && q.Kind == kind) is { } target)
                {
                    candidates.Add((ConditionEvaluator.Deserialize(rule.ConditionJson), target));
                }
            }
            catch (JsonException)
            {
                // A rule whose condition cannot be read never matches.
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var context = routing is null ? RoutingContext.None : await routing([.. candidates.Select(c => c.Condition)]);
        var full = subject.WithItem(context.Item);
        foreach (var (condition, target) in candidates)
        {
            var trace = await ConditionEngine.EvaluateAsync(condition, full, context.Signals, cancellationToken);
            if (trace.Outcome == ConditionOutcome.Passed)
            {
                return target;
            }
        }

        return null;
    }
}

/// <summary>Gives the routing context of the item being routed, once the conditions to evaluate are known.</summary>
public delegate Task<RoutingContext> RoutingContextSource(IReadOnlyList<Condition> conditions);
