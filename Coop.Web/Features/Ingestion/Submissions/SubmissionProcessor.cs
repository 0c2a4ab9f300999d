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

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int processed;
                while ((processed = await ProcessBatchAsync(stoppingToken)) > 0)
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

        // Claim: only rows still unleased change hands, so two workers never take the same row. The claim and the processing
        // transaction are one turn at the gate (SQLite), so the group commit does not slip in between and make this wait.
        using var turn = await gate.EnterAsync(cancellationToken);
        var claimed = await db.Set<ItemSubmission>()
            .Where(s => candidates.Contains(s.Id) && s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil).SetProperty(s => s.LeaseOwner, owner), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        return await ProcessClaimedAsync(db, owner, cancellationToken);
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
        var claimed = await db.Set<ItemSubmission>()
            .Where(s => s.Id == submissionId && s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, now + options.Value.ProcessingLease).SetProperty(s => s.LeaseOwner, owner), cancellationToken);
        return claimed == 1 && await ProcessClaimedAsync(db, owner, cancellationToken) == 1;
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

    private async Task<int> ProcessClaimedAsync(CoopDbContext db, string owner, CancellationToken cancellationToken)
    {
        var submissions = await db.Set<ItemSubmission>()
            .Where(s => s.LeaseOwner == owner && s.ProcessedAt == null)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        if (submissions.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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

            submission.MarkProcessed(time.GetUtcNow().UtcDateTime);
        }

        var outcome = await rules.ApplyAsync(db, submissions, cancellationToken);
        var ncmecEvents = await ncmecBanks.ScanAsync(db, submissions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await publisher.AnnounceAsync(outcome.Executions, CancellationToken.None);
        foreach (var liveEvent in outcome.Events.Concat(ncmecEvents))
        {
            await live.PublishAsync(liveEvent, CancellationToken.None);
        }

        // Open item pages re-read themselves.
        foreach (var (organizationId, itemTypeId, itemId) in items.Keys)
        {
            await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Item(organizationId, itemTypeId, itemId), LiveEventKinds.ItemChanged, itemId), CancellationToken.None);
        }

        return submissions.Count;
    }

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
