using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Processes accepted submissions in the background, oldest first: keeps each item's current state and
/// history. Work is claimed with a lease (an atomic conditional update), so several nodes can run this and a
/// node that dies mid-batch only delays its rows until the lease runs out. Rows committed before a crash are
/// processed after the restart.
/// </summary>
public sealed class SubmissionProcessor(
    IDbContextFactory<CoopDbContext> factory,
    IngestionSignal signal,
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
                while (await ProcessBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Processing submissions failed; retrying shortly");
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
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

        // Claim: only rows still unleased change hands, so two workers never take the same row.
        var claimed = await db.Set<ItemSubmission>()
            .Where(s => candidates.Contains(s.Id) && s.ProcessedAt == null && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, leaseUntil).SetProperty(s => s.LeaseOwner, owner), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        var submissions = await db.Set<ItemSubmission>()
            .Where(s => s.LeaseOwner == owner && s.ProcessedAt == null)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
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

        await db.SaveChangesAsync(cancellationToken);
        // Open item pages re-read themselves.
        foreach (var (organizationId, itemTypeId, itemId) in items.Keys)
        {
            await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Item(organizationId, itemTypeId, itemId), LiveEventKinds.ItemChanged, itemId), cancellationToken);
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
