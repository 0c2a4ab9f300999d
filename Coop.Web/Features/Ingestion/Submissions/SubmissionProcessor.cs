using System.Linq.Expressions;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Processes accepted submissions in the background, oldest first: keeps each item's current state and
/// history. Work is claimed with a lease (an atomic conditional update), so several nodes can run this and a
/// node that dies mid-batch only delays its rows until the lease runs out. Rows committed before a crash are
/// processed after the restart. Proactive rules run on each batch in the same transaction (see <see cref="RuleEngine"/>).
/// </summary>
public sealed class SubmissionProcessor(
    IDbContextFactory<CoopDbContext> factory,
    IngestionSignal signal,
    IngestionWriteGate gate,
    RuleEngine rules,
    ChildSafety.Jobs.NcmecHashBankScanner ncmecBanks,
    ActionPublisher publisher,
    ILiveEvents live,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<SubmissionProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessingEnabled)
        {
            logger.LogInformation("Submission processing is disabled on this node");
            return;
        }

        var pacer = new BatchPacer(options.Value.BatchInterval, time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int processed;
                while ((processed = await PacedBatchAsync()) > 0)
                {
                    if (processed < options.Value.ProcessingBatchSize)
                    {
                        await GatherAsync(stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Processing submissions failed; retrying shortly");
            }

            if (await signal.WaitAsync(options.Value.PollInterval, stoppingToken))
            {
                await GatherAsync(stoppingToken);
            }
        }

        async Task<int> PacedBatchAsync()
        {
            await pacer.WaitTurnAsync(stoppingToken);
            return await ProcessBatchAsync(stoppingToken);
        }
    }

    /// <summary>Waits <see cref="IngestionOptions.GatherDelay"/> (if any) so the next batch carries what arrives meanwhile.</summary>
    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        if (options.Value.GatherDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.GatherDelay, time, stoppingToken);
        }
    }

    /// <summary>Claims and processes one batch; returns how many submissions it processed.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.ProcessingLease;
        var owner = Guid.NewGuid().ToString("N");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Set<ItemSubmission>()
            .Where(s => s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now))
            .OrderBy(s => s.Id)
            .Select(s => s.Id)
            .Take(options.Value.ProcessingBatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // Claim: only rows still unleased change hands, so two workers never take the same row. The claim is the first
        // statement of the processing transaction (one commit per batch, and on SQLite one turn at the gate, so the group
        // commit does not slip in between): a crash or a failure undoes it with the rest.
        using var turn = await gate.EnterAsync(cancellationToken);
        return await ClaimAndProcessAsync(db, owner, leaseUntil,
            s => candidates.Contains(s.Id) && s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now), cancellationToken);
    }

    /// <summary>
    /// Processes one submission now if no worker holds it (the legacy synchronous <c>/content</c>); returns false
    /// when another worker has it (it is then processed there shortly).
    /// </summary>
    public async Task<bool> ProcessNowAsync(long submissionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var owner = Guid.NewGuid().ToString("N");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        return await ClaimAndProcessAsync(db, owner, now + options.Value.ProcessingLease,
            s => s.Id == submissionId && s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now), cancellationToken) == 1;
    }

    /// <summary>
    /// The legacy synchronous path: processes the submission now (or waits, up to the lease, for the worker that has
    /// it) and returns the actions its rules triggered.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ProcessAndReportAsync(long submissionId, CancellationToken cancellationToken)
    {
        if (!await ProcessNowAsync(submissionId, cancellationToken))
        {
            var deadline = time.GetUtcNow() + options.Value.ProcessingLease;
            while (time.GetUtcNow() < deadline)
            {
                await using var check = await factory.CreateDbContextAsync(cancellationToken);
                if (await check.Set<ItemSubmission>().AnyAsync(s => s.Id == submissionId && s.ProcessedAt != null, cancellationToken))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var correlationId = RuleEngine.CorrelationIdOf(submissionId);
        return (await db.ActionExecutions.AsNoTracking().Where(e => e.CorrelationId == correlationId)
                .Select(e => new { e.ActionId, e.ActionName }).ToListAsync(cancellationToken))
            .Select(e => (e.ActionId, e.ActionName)).ToList();
    }

    /// <summary>
    /// Leases the submissions <paramref name="claim"/> selects and processes them, in one transaction. When processing
    /// fails, the lease is written on its own afterwards, so the failed rows wait out <see cref="IngestionOptions.ProcessingLease"/>
    /// before they are tried again rather than being retried at once, again and again.
    /// </summary>
    private async Task<int> ClaimAndProcessAsync(CoopDbContext db, string owner, DateTime leaseUntil,
        Expression<Func<ItemSubmission, bool>> claim, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<ItemSubmission>().Where(claim)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil).SetProperty(s => s.LeaseOwner, owner), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        // Read untracked: the batch marks its rows processed with one statement (below), not one tracked update per row.
        var submissions = await db.Set<ItemSubmission>().AsNoTracking()
            .Where(s => s.LeaseOwner == owner && s.ProcessedAt == null)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        Processed processed;
        try
        {
            processed = await ProcessClaimedAsync(db, submissions, cancellationToken);
            var processedAt = time.GetUtcNow().UtcDateTime;
            await db.Set<ItemSubmission>()
                .Where(s => s.LeaseOwner == owner && s.ProcessedAt == null)
                .ExecuteUpdateAsync(u => u // as ItemSubmission.MarkProcessed
                    .SetProperty(s => s.ProcessedAt, processedAt)
                    .SetProperty(s => s.ProcessingAttempts, s => s.ProcessingAttempts + 1)
                    .SetProperty(s => s.LeaseUntil, (DateTime?)null)
                    .SetProperty(s => s.LeaseOwner, (string?)null)
                    .SetProperty(s => s.LastError, (string?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var ids = submissions.ConvertAll(s => s.Id);
            await db.Set<ItemSubmission>()
                .Where(s => ids.Contains(s.Id) && s.ProcessedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil).SetProperty(s => s.LeaseOwner, owner), CancellationToken.None);
            throw;
        }

        await publisher.AnnounceAsync(processed.Outcome.Executions, CancellationToken.None);
        foreach (var liveEvent in processed.Outcome.Events.Concat(processed.NcmecEvents))
        {
            await live.PublishAsync(liveEvent, CancellationToken.None);
        }

        // Open item pages re-read themselves.
        foreach (var (organizationId, itemTypeId, itemId) in processed.Items)
        {
            await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Item(organizationId, itemTypeId, itemId), LiveEventKinds.ItemChanged, itemId), CancellationToken.None);
        }

        return submissions.Count;
    }

    /// <summary>The batch's work inside its transaction: item states and history, rules, hash banks; saved, not committed.</summary>
    private async Task<Processed> ProcessClaimedAsync(CoopDbContext db, List<ItemSubmission> submissions, CancellationToken cancellationToken)
    {
        var items = await LoadItemsAsync(db, submissions, cancellationToken);
        foreach (var submission in submissions)
        {
            var key = (submission.OrganizationId, submission.ItemTypeId, submission.ItemId);
            if (items.TryGetValue(key, out var item))
            {
                item.Apply(submission);
            }
            else
            {
                items[key] = item = Item.FirstSeen(submission);
                db.Add(item);
            }

        }

        var outcome = await rules.ApplyAsync(db, submissions, cancellationToken);
        var ncmecEvents = await ncmecBanks.ScanAsync(db, submissions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new Processed(outcome, ncmecEvents, items.Keys);
    }

    private sealed record Processed(RuleBatchOutcome Outcome, IReadOnlyList<LiveEvent> NcmecEvents, IEnumerable<(string OrganizationId, string ItemTypeId, string ItemId)> Items);

    private static async Task<Dictionary<(string, string, string), Item>> LoadItemsAsync(
        CoopDbContext db, List<ItemSubmission> submissions, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string, string), Item>();
        foreach (var group in submissions.GroupBy(s => (s.OrganizationId, s.ItemTypeId)))
        {
            var ids = group.Select(s => s.ItemId).Distinct().ToList();
            var existing = await db.Set<Item>()
                .Where(i => i.OrganizationId == group.Key.OrganizationId && i.ItemTypeId == group.Key.ItemTypeId && ids.Contains(i.ItemId))
                .ToListAsync(cancellationToken);
            existing.ForEach(i => result[(i.OrganizationId, i.ItemTypeId, i.ItemId)] = i);
        }

        return result;
    }
}
