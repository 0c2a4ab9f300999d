using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Backtests;

/// <summary>Wakes the run worker when a run starts or is cancelled on this node.</summary>
public sealed class RuleRunSignal : IDisposable
{
    private readonly SemaphoreSlim ring = new(0, 1);

    public void Ring()
    {
        if (ring.CurrentCount == 0)
        {
            try
            {
                ring.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await ring.WaitAsync(timeout, cancellationToken);

    public void Dispose() => ring.Dispose();
}

/// <summary>
/// Works through backtests and retroactions in chunks of <see cref="ChunkSize"/> item versions. A chunk's matches,
/// actions and the run's progress commit together; a run is held by one worker at a time (a lease), so a crashed
/// node's run is resumed by another after the lease, from the last committed chunk. Retroaction acts on an item at
/// most once per run. A run stops (failed) if its rule changes meanwhile.
/// </summary>
public sealed partial class RuleRunWorker(
    IDbContextFactory<CoopDbContext> factory, RuleCatalog catalog, RuleEngine engine, ActionPublisher publisher, ILiveEvents live,
    RuleRunSignal signal, TimeProvider time, ILogger<RuleRunWorker> logger) : BackgroundService
{
    public const int ChunkSize = 200;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await WorkOnceAsync(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims a running run and works one chunk of it; false when there was nothing to do.</summary>
    public async Task<bool> WorkOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        string? runId;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            runId = await db.RuleRuns.AsNoTracking().Where(r => r.Status == RuleRunStatus.Running && (r.LeaseUntil == null || r.LeaseUntil < now))
                .OrderBy(r => r.CreatedAt).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (runId is null
                || await db.RuleRuns.Where(r => r.Id == runId && r.Status == RuleRunStatus.Running && (r.LeaseUntil == null || r.LeaseUntil < now))
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, now + Lease), cancellationToken) == 0)
            {
                return false;
            }
        }

        try
        {
            await ChunkAsync(runId, cancellationToken);
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.RuleRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }

        return true;
    }

    private async Task ChunkAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var run = await db.RuleRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.IsFinished)
        {
            return;
        }

        var rule = (await catalog.ByIdAsync(run.OrganizationId, [run.RuleId], cancellationToken)).SingleOrDefault();
        if (rule is null || rule.Version != run.RuleVersion)
        {
            run.Fail(rule is null ? "The rule was deleted." : $"The rule changed (now version {rule?.Version}); start a new run.", now);
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceAsync(run, cancellationToken);
            return;
        }

        var types = rule.ItemTypeIds.ToList();
        var take = Math.Min(ChunkSize, run.Limit - run.Evaluated);
        var submissions = take <= 0
            ? []
            : await db.Set<ItemSubmission>().AsNoTracking()
                .Where(s => s.OrganizationId == run.OrganizationId && types.Contains(s.ItemTypeId) && s.Id > run.Cursor
                    && s.ReceivedAt >= run.From && s.ReceivedAt < run.To && s.ProcessedAt != null)
                .OrderBy(s => s.Id).Take(take).ToListAsync(cancellationToken);
        if (submissions.Count == 0)
        {
            run.Complete(now);
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceAsync(run, cancellationToken);
            return;
        }

        var environment = run.Kind == RuleRunKind.Backtest ? RuleEnvironment.Backtest : RuleEnvironment.Retroaction;
        var work = await engine.PrepareBatchAsync(
            db, submissions, now, cancellationToken, [rule], environment == RuleEnvironment.Backtest ? "backtest" : "retroaction");

        var results = await engine.EvaluateAsync(work, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var executions = new List<ActionExecution>();
        var events = new List<LiveEvent>();
        var samples = new List<(string, string, long)>();
        int matched = 0, acted = 0, errored = 0;
        var actedItems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < work.Count; i++)
        {
            var w = work[i];
            var result = results[i][0];
            errored += result.Trace.Outcome == Coop.Domain.Conditions.ConditionOutcome.Errored ? 1 : 0;
            if (!result.Passed)
            {
                continue;
            }

            matched++;
            samples.Add((w.Submission.ItemTypeId, w.Submission.ItemId, w.Submission.Id));
            var acts = false;
            if (run.Kind == RuleRunKind.Retroaction && rule.HasEffects)
            {
                var correlationId = $"retro:{run.Id}:{w.Submission.ItemTypeId}/{w.Submission.ItemId}";
                if (actedItems.Add(correlationId) && !await db.ActionExecutions.AnyAsync(e => e.CorrelationId == correlationId, cancellationToken)
                    && !await db.RuleMatches.AnyAsync(m => m.RuleId == rule.Id && m.Environment == RuleEnvironment.Retroaction && m.Acted
                        && m.ItemTypeId == w.Submission.ItemTypeId && m.ItemId == w.Submission.ItemId && m.MatchedAt >= run.CreatedAt, cancellationToken))
                {
                    var (published, enqueued) = await engine.ActAsync(db, w, [rule], correlationId, ActionExecutionSource.Rule, now, cancellationToken);
                    executions.AddRange(published);
                    events.AddRange(enqueued);
                    acts = true;
                    acted++;
                }
            }

            db.RuleMatches.Add(RuleMatch.Record(run.OrganizationId, result with { Acted = acts }, w.Submission.ItemTypeId, w.Submission.ItemId,
                w.Submission.Id, environment, now));
        }

        // Re-checked inside the transaction: a run cancelled meanwhile takes nothing more from this chunk.
        if (await db.RuleRuns.Where(r => r.Id == run.Id && r.Status == RuleRunStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, now + Lease), cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }

        run.Advance(submissions[^1].Id, work.Count, matched, acted, errored, samples);
        if (run.Evaluated >= run.Limit)
        {
            run.Complete(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await publisher.AnnounceAsync(executions, CancellationToken.None);
        foreach (var liveEvent in events)
        {
            await live.PublishAsync(liveEvent, CancellationToken.None);
        }

        await AnnounceAsync(run, CancellationToken.None);
    }

    private ValueTask AnnounceAsync(RuleRun run, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent(run.OrganizationId, LiveTopics.Rules(run.OrganizationId), LiveEventKinds.RuleRunChanged, run.Id), cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Working rule runs failed; retrying shortly")]
    private partial void LogFailed(Exception exception);
}
