using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Rules;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Review.Routing;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>What a batch of rule evaluations caused, to announce once it is committed.</summary>
public sealed record RuleBatchOutcome(IReadOnlyList<ActionExecution> Executions, IReadOnlyList<LiveEvent> Events)
{
    public static RuleBatchOutcome None { get; } = new([], []);
}

/// <summary>
/// Runs the enabled proactive rules on submitted item versions, inside the caller's unit of work (the submission
/// processor's transaction), so an item's evaluation, its matches, the day's counters and the actions it fires
/// commit together with the item — or not at all, and are redone after a crash. Live rules that pass run their
/// actions (deduplicated across rules, one callback per action naming every passing rule) and enqueue; Background
/// rules are recorded only. A rule's daily action limit counts acting passes.
/// </summary>
public sealed class RuleEngine(
    RuleCatalog catalog, RuleEvaluator evaluator, ItemTypeCatalog itemTypes, ActionPublisher publisher, Review.Routing.RoutingContextFactory routingContexts,
    TimeProvider time)
{
    /// <summary>Evaluations run concurrently within a batch (signals may wait on the network).</summary>
    public const int Parallelism = 8;

    public async Task<RuleBatchOutcome> ApplyAsync(CoopDbContext db, IReadOnlyList<ItemSubmission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submissions);
        var now = time.GetUtcNow().UtcDateTime;
        var work = await PrepareBatchAsync(db, submissions, now, cancellationToken);
        if (work.Count == 0)
        {
            return RuleBatchOutcome.None;
        }

        var results = await EvaluateAsync(work, cancellationToken);
        return await RecordAsync(db, work, results, now, cancellationToken);
    }

    /// <summary>
    /// Prepares a batch for evaluation by the enabled rules of each item's type: subjects, and author facts for the whole
    /// batch in two queries per organization (not two per item). Items no rule applies to are left out.
    /// </summary>
    /// <remarks>
    /// With <c>only</c>, every submission is prepared for those rules (a backtest or retroaction) instead of the enabled
    /// ones, and <c>source</c> is the event source conditions see when it is not the submission's own.
    /// </remarks>
    internal async Task<List<Work>> PrepareBatchAsync(
        CoopDbContext db, IReadOnlyList<ItemSubmission> submissions, DateTime now, CancellationToken cancellationToken,
        IReadOnlyList<CompiledRule>? only = null, string? source = null)
    {
        var candidates = new List<(ItemSubmission Submission, IReadOnlyList<CompiledRule> Rules)>();
        foreach (var submission in submissions)
        {
            var rules = only ?? (await catalog.EnabledAsync(submission.OrganizationId, cancellationToken)).Where(r => r.AppliesTo(submission.ItemTypeId)).ToList();
            if (rules.Count > 0)
            {
                candidates.Add((submission, rules));
            }
        }

        // Author facts (strike score, account age) for the whole batch in two queries per organization, not two per item.
        var facts = new Dictionary<ItemIdentifier, AuthorFacts>();
        foreach (var byOrganization in candidates.Where(c => c.Rules.Any(r => ItemSubject.NeedsAuthorFacts(r.Condition))).GroupBy(c => c.Submission.OrganizationId))
        {
            var authors = new HashSet<ItemIdentifier>();
            foreach (var (submission, _) in byOrganization)
            {
                var variant = ItemTypeWireNames.TryParseVariant(submission.SchemaVariant, out var parsed) ? parsed : SchemaVariant.Original;
                if (await itemTypes.GetAsync(submission.OrganizationId, submission.ItemTypeId, submission.ItemTypeVersion, variant, cancellationToken) is { } type
                    && AuthorOf(type, submission) is { } author)
                {
                    authors.Add(author);
                }
            }

            foreach (var (author, known) in await AuthorFactsAsync(db, byOrganization.Key, authors, now, cancellationToken))
            {
                facts[author] = known;
            }
        }

        var work = new List<Work>();
        foreach (var (submission, rules) in candidates)
        {
            if (await PrepareAsync(db, submission, rules, now, cancellationToken, source, facts) is { } prepared)
            {
                work.Add(prepared);
            }
        }

        return work;
    }

    /// <summary>One submission made ready for evaluation by <paramref name="rules"/>; null when its item type or data is unreadable.</summary>
    internal async Task<Work?> PrepareAsync(
        CoopDbContext db, ItemSubmission submission, IReadOnlyList<CompiledRule> rules, DateTime now, CancellationToken cancellationToken, string? source = null,
        IReadOnlyDictionary<ItemIdentifier, AuthorFacts>? facts = null)
    {
        var variant = ItemTypeWireNames.TryParseVariant(submission.SchemaVariant, out var parsed) ? parsed : SchemaVariant.Original;
        var itemType = await itemTypes.GetAsync(submission.OrganizationId, submission.ItemTypeId, submission.ItemTypeVersion, variant, cancellationToken);
        if (itemType is null || JsonNode.Parse(submission.Data) is not JsonObject data)
        {
            return null;
        }

        var author = AuthorOf(itemType, submission);
        var authorFacts = author is null ? null
            : !rules.Any(r => ItemSubject.NeedsAuthorFacts(r.Condition)) ? new AuthorFacts(author, null, null)
            : facts is not null && facts.TryGetValue(author, out var known) ? known
            : await AuthorFactsAsync(db, submission.OrganizationId, author, now, cancellationToken);
        return new Work(submission, itemType, data, author, rules, new ItemSubject(itemType, data, authorFacts, source ?? SourceOf(submission.Source)));
    }

    /// <summary>Evaluates prepared work, several items at once.</summary>
    internal async Task<IReadOnlyList<RuleResult>[]> EvaluateAsync(IReadOnlyList<Work> work, CancellationToken cancellationToken)
    {
        var results = new IReadOnlyList<RuleResult>[work.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var w = work[i];
                var item = new SignalItem(w.Submission.OrganizationId, w.Submission.ItemTypeId, w.Submission.ItemId, w.Submission.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                results[i] = await evaluator.EvaluateAsync(w.Rules, w.Subject, item, ct);
            });
        return results;
    }

    private async Task<RuleBatchOutcome> RecordAsync(
        CoopDbContext db, List<Work> work, IReadOnlyList<RuleResult>[] results, DateTime now, CancellationToken cancellationToken)
    {
        var executions = new List<ActionExecution>();
        var events = new List<LiveEvent>();
        var stats = new Dictionary<(string Org, string RuleId), (long Evaluations, long Matches, long Actions)>();
        var passingLive = results.SelectMany(r => r).Where(r => r.Passed && r.Status == RuleStatus.Live).Select(r => r.RuleId).Distinct().ToList();
        var quotas = passingLive.Count == 0
            ? []
            : await db.Rules.Where(r => passingLive.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);
        for (var i = 0; i < work.Count; i++)
        {
            var w = work[i];
            var acting = new List<CompiledRule>();
            var recorded = new List<RuleResult>();
            foreach (var result in results[i])
            {
                var rule = w.Rules.First(r => r.Id == result.RuleId);
                var acts = result.Passed && rule.Status == RuleStatus.Live && rule.HasEffects
                    && quotas.TryGetValue(rule.Id, out var quota) && quota.HasActionQuota(now);
                if (acts)
                {
                    quotas[rule.Id].CountAction(now);
                    acting.Add(rule);
                }

                var final = result with { Acted = acts };
                recorded.Add(final);
                var key = (w.Submission.OrganizationId, rule.Id);
                var s = stats.GetValueOrDefault(key);
                stats[key] = (s.Evaluations + 1, s.Matches + (result.Passed ? 1 : 0), s.Actions + (acts ? 1 : 0));
                if (result.Passed)
                {
                    db.RuleMatches.Add(RuleMatch.Record(w.Submission.OrganizationId, final, w.Submission.ItemTypeId, w.Submission.ItemId, w.Submission.Id,
                        RuleEnvironment.Live, now));
                }
            }

            db.RuleEvaluations.Add(RuleEvaluation.Record(
                w.Submission.OrganizationId, w.Submission.ItemTypeId, w.Submission.ItemId, w.Submission.Id, RuleEnvironment.Live, recorded, now));
            if (acting.Count > 0)
            {
                var (published, enqueued) = await ActAsync(db, w, acting, CorrelationIdOf(w.Submission.Id), ActionExecutionSource.Rule, now, cancellationToken);
                executions.AddRange(published);
                events.AddRange(enqueued);
            }

            events.Add(new LiveEvent(w.Submission.OrganizationId, LiveTopics.Item(w.Submission.OrganizationId, w.Submission.ItemTypeId, w.Submission.ItemId),
                LiveEventKinds.RuleEvaluated, w.Submission.ItemId));
        }

        await CountAsync(db, stats, DateOnly.FromDateTime(now), cancellationToken);
        foreach (var org in work.Select(w => w.Submission.OrganizationId).Distinct())
        {
            events.Add(new LiveEvent(org, LiveTopics.Rules(org), LiveEventKinds.RuleEvaluated,
                string.Join(',', stats.Keys.Where(k => k.Org == org).Select(k => k.RuleId))));
        }

        return new RuleBatchOutcome(executions, events);
    }

    /// <summary>
    /// Runs the acting rules' effects on one item: their actions once each, under the union of their policies, naming
    /// them all; and each rule's enqueue. Also used by retroaction.
    /// </summary>
    internal async Task<(IReadOnlyList<ActionExecution> Executions, IReadOnlyList<LiveEvent> Events)> ActAsync(
        CoopDbContext db, Work w, IReadOnlyList<CompiledRule> acting, string correlationId, ActionExecutionSource source, DateTime now,
        CancellationToken cancellationToken)
    {
        var events = new List<LiveEvent>();
        var executions = new List<ActionExecution>();
        var actions = acting.SelectMany(r => r.Actions).DistinctBy(a => a.Action.Id).Where(a => publisher.CanRun(a.Action)).ToList();
        if (actions.Count > 0)
        {
            var publication = new ActionPublication(
                w.Submission.OrganizationId,
                new ActionTarget(new ItemIdentifier(w.Submission.ItemId, w.Submission.ItemTypeId), w.ItemType.Name, w.ItemType.Kind, w.Author),
                actions, source, correlationId)
            {
                Policies = [.. acting.SelectMany(r => r.Policies).DistinctBy(p => p.Id)],
                Rules = [.. acting.Select(r => new RuleReference(r.Id, r.Name))],
                ItemData = w.Data,
            };
            executions.AddRange(await publisher.PublishAsync(db, publication, now, cancellationToken));
        }

        foreach (var rule in acting.Where(r => r.EnqueueQueueId is not null))
        {
            var enqueued = await JobEnqueuer.EnqueueAsync(
                db, w.Submission.OrganizationId, w.Submission.ItemTypeId, w.Submission.ItemId, JobSource.RuleExecution,
                [.. rule.Policies.Select(p => p.Id)], w.Data, rule.EnqueueQueueId, QueueKind.Standard, $"Enqueued by rule {rule.Name}", now,
                conditions => routingContexts.ForAsync(db, w.Submission, conditions, cancellationToken), cancellationToken);
            events.AddRange(enqueued.Announcements);
        }

        return (executions, events);
    }

    /// <summary>Adds the batch's counts to each rule's day: an atomic increment, or a new row for the rule's first evaluation of the day.</summary>
    private static async Task CountAsync(
        CoopDbContext db, Dictionary<(string Org, string RuleId), (long Evaluations, long Matches, long Actions)> stats, DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var ((org, ruleId), (evaluations, matches, actions)) in stats)
        {
            var updated = await db.RuleDailyStats.Where(s => s.RuleId == ruleId && s.Day == day)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Evaluations, s => s.Evaluations + evaluations)
                    .SetProperty(s => s.Matches, s => s.Matches + matches)
                    .SetProperty(s => s.Actions, s => s.Actions + actions), cancellationToken);
            if (updated == 0)
            {
                var stat = RuleDailyStat.Start(org, ruleId, day);
                stat.Add(evaluations, matches, actions);
                db.RuleDailyStats.Add(stat);
            }
        }
    }

    /// <summary>The correlation id of the actions a submission's rules fire.</summary>
    public static string CorrelationIdOf(long submissionId) => $"rule:{submissionId}";

    /// <summary>The user the rules' author inputs mean: the item itself for user items, else its creator.</summary>
    internal static ItemIdentifier? AuthorOf(ResolvedItemType itemType, ItemSubmission submission) =>
        itemType.Kind == ItemTypeKind.User
            ? new ItemIdentifier(submission.ItemId, submission.ItemTypeId)
            : submission.CreatorId is { } id && submission.CreatorTypeId is { } typeId ? new ItemIdentifier(id, typeId) : null;

    /// <summary>One author's facts: the batch query with a single author.</summary>
    internal static async Task<AuthorFacts> AuthorFactsAsync(CoopDbContext db, string organizationId, ItemIdentifier author, DateTime now, CancellationToken cancellationToken) =>
        (await AuthorFactsAsync(db, organizationId, [author], now, cancellationToken))[author];

    /// <summary>The facts of many authors of one organization: strike totals and first-seen times, in chunked queries.</summary>
    internal static async Task<Dictionary<ItemIdentifier, AuthorFacts>> AuthorFactsAsync(
        CoopDbContext db, string organizationId, IReadOnlyCollection<ItemIdentifier> authors, DateTime now, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ItemIdentifier, AuthorFacts>();
        foreach (var chunk in authors.Chunk(500))
        {
            var ids = chunk.Select(a => a.Id).Distinct().ToList();
            var wanted = chunk.ToHashSet();
            var scores = (await db.UserStrikes.AsNoTracking()
                    .Where(s => s.OrganizationId == organizationId && ids.Contains(s.UserItemId) && s.ExpiresAt > now && s.RemovedAt == null)
                    .GroupBy(s => new { s.UserItemTypeId, s.UserItemId })
                    .Select(g => new { g.Key.UserItemTypeId, g.Key.UserItemId, Total = g.Sum(s => s.Weight) })
                    .ToListAsync(cancellationToken))
                .ToDictionary(x => new ItemIdentifier(x.UserItemId, x.UserItemTypeId), x => x.Total);
            var seen = (await db.Set<Item>().AsNoTracking()
                    .Where(i => i.OrganizationId == organizationId && ids.Contains(i.ItemId))
                    .GroupJoin(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id,
                        (i, s) => new { i.ItemId, i.ItemTypeId, i.FirstSeenAt, Created = s.Select(x => x.PlatformCreatedAt).FirstOrDefault() })
                    .ToListAsync(cancellationToken))
                .ToDictionary(x => new ItemIdentifier(x.ItemId, x.ItemTypeId), x => x.Created ?? x.FirstSeenAt);
            foreach (var author in wanted)
            {
                var since = seen.TryGetValue(author, out var at) ? at : (DateTime?)null;
                result[author] = new AuthorFacts(author, scores.GetValueOrDefault(author), since is { } s ? Math.Max(0, (now - s).TotalDays) : null);
            }
        }

        return result;
    }

    /// <summary>The event source as conditions see it (Coop's names).</summary>
    internal static string SourceOf(string submissionSource) => submissionSource switch
    {
        "items" => "post-items",
        "content" => "post-content",
        _ => submissionSource,
    };

    internal sealed record Work(
        ItemSubmission Submission, ResolvedItemType ItemType, JsonObject Data, ItemIdentifier? Author, IReadOnlyList<CompiledRule> Rules, ItemSubject Subject);
}
