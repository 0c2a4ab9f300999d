using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>
/// Works through bulk runs a chunk at a time. One transaction per chunk guards the run (still running), marks the chunk's items
/// done with a conditional update (only items still pending), records every item's actions through <see cref="ActionPublisher"/>
/// (executions, audit rows, signed callbacks in the outbox) and advances the run's counters. It commits all of that or none of it,
/// so an item is never actioned twice: not after a crash, not after a restart, not with several nodes at once. A chunk that fails
/// is retried item by item, and an item that fails on its own is marked failed with its error.
/// </summary>
public sealed partial class BulkActionProcessor(
    IDbContextFactory<CoopDbContext> factory,
    BulkActionPlanner planner,
    ActionPublisher publisher,
    IWebhookOutbox outbox,
    ILiveEvents live,
    IOptionsMonitor<BulkActionOptions> options,
    TimeProvider time,
    ILogger<BulkActionProcessor> logger)
{
    private sealed record Row(long Id, string ItemId);

    /// <summary>Runs with work left (pending or running), oldest first.</summary>
    public async Task<IReadOnlyList<string>> ActiveRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.BulkActionRuns.AsNoTracking()
            .Where(r => r.Status == BulkActionRunStatus.Pending || r.Status == BulkActionRunStatus.Running)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Processes the run's chunks until it is finished, cancelled or failed.</summary>
    public async Task RunAsync(string runId, CancellationToken cancellationToken = default)
    {
        while (await ProcessChunkAsync(runId, cancellationToken))
        {
            if (options.CurrentValue.PauseBetweenChunks is { } pause && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, cancellationToken);
            }
        }
    }

    /// <summary>Actions the run's next chunk of pending items; false once the run has nothing more to do.</summary>
    public async Task<bool> ProcessChunkAsync(string runId, CancellationToken cancellationToken = default)
    {
        BulkActionRun? run;
        List<Row> rows;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            run = await db.BulkActionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null || !run.IsActive)
            {
                return false;
            }

            rows = await db.BulkActionRunItems.AsNoTracking()
                .Where(i => i.RunId == runId && i.Status == BulkActionItemStatus.Pending).OrderBy(i => i.Id)
                .Take(options.CurrentValue.ChunkSize).Select(i => new Row(i.Id, i.ItemId)).ToListAsync(cancellationToken);
        }

        if (run.Status == BulkActionRunStatus.Pending && !await StartAsync(run, cancellationToken))
        {
            return true;
        }

        if (rows.Count == 0)
        {
            await FinishAsync(run, BulkActionRunStatus.Completed, null, cancellationToken);
            return false;
        }

        var plan = await PlanAsync(run, cancellationToken);
        if (plan.Plan is null)
        {
            await FinishAsync(run, BulkActionRunStatus.Failed, BulkActionRunItem.ClipError(plan.Error!), cancellationToken);
            return false;
        }

        try
        {
            return await ActionAsync(run, plan.Plan, rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChunkFailed(ex, runId);
        }

        foreach (var row in rows)
        {
            try
            {
                if (!await ActionAsync(run, plan.Plan, [row], cancellationToken))
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogItemFailed(ex, runId, row.ItemId);
                await MarkFailedAsync(run, row, ex.Message, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>One transaction: guard the run, claim the rows, record their actions, count them. False when the run is no longer running.</summary>
    private async Task<bool> ActionAsync(BulkActionRun run, BulkActionPlan plan, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var executions = new List<ActionExecution>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Locks the run's row until commit: a cancel waits for this chunk, and this chunk does not start after a cancel.
            if (await db.BulkActionRuns.Where(r => r.Id == run.Id && r.Status == BulkActionRunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BulkActionRunStatus.Running), cancellationToken) == 0)
            {
                return false;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var claimed = await db.BulkActionRunItems.Where(i => i.RunId == run.Id && ids.Contains(i.Id) && i.Status == BulkActionItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, BulkActionItemStatus.Done).SetProperty(i => i.ProcessedAt, now), cancellationToken);
            if (claimed != rows.Count)
            {
                // Another worker took some of these items first; roll back and read the chunk again.
                return true;
            }

            var creators = await CreatorsAsync(db, run.OrganizationId, plan.ItemType, rows, cancellationToken);
            var users = new HashSet<ItemIdentifier>();
            foreach (var row in rows)
            {
                var item = new ItemIdentifier(row.ItemId, plan.ItemType.Id);
                var target = new ActionTarget(item, plan.ItemType.Name, plan.ItemType.Kind,
                    plan.ItemType.Kind == ItemTypeKind.User ? item : creators.GetValueOrDefault(row.ItemId));
                var publication = new ActionPublication(run.OrganizationId, target, plan.Actions, ActionExecutionSource.Bulk, $"bulk-action:{run.Id}:{row.Id}")
                {
                    Policies = plan.Policies,
                    ActorUserId = run.ActorUserId,
                    ActorEmail = run.ActorEmail,
                    ActorNote = run.Reason,
                };
                if (target.Creator is { } user && !users.Add(user))
                {
                    // A second item of the same user in this chunk: save first, so its strike total counts the earlier item's strike.
                    await db.SaveChangesAsync(cancellationToken);
                }

                executions.AddRange(await publisher.PublishAsync(db, publication, now, cancellationToken));
            }

            await db.SaveChangesAsync(cancellationToken);

            await db.BulkActionRuns.Where(r => r.Id == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DoneItems, r => r.DoneItems + rows.Count), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        await publisher.AnnounceAsync(executions, cancellationToken);
        await AnnounceAsync(run, cancellationToken);
        return true;
    }

    private static async Task<Dictionary<string, ItemIdentifier>> CreatorsAsync(
        CoopDbContext db, string organizationId, Ingestion.ResolvedItemType itemType, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var creators = new Dictionary<string, ItemIdentifier>(StringComparer.Ordinal);
        if (itemType.Kind == ItemTypeKind.User)
        {
            return creators;
        }

        foreach (var batch in rows.Select(r => r.ItemId).Chunk(BulkActionPlanner.LookupBatch))
        {
            var known = await db.Set<Item>().AsNoTracking()
                .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == itemType.Id && batch.Contains(i.ItemId)
                    && i.CreatorId != null && i.CreatorTypeId != null)
                .Select(i => new { i.ItemId, i.CreatorId, i.CreatorTypeId }).ToListAsync(cancellationToken);
            foreach (var k in known)
            {
                creators[k.ItemId] = new ItemIdentifier(k.CreatorId!, k.CreatorTypeId!);
            }
        }

        return creators;
    }

    private async Task<(BulkActionPlan? Plan, string? Error)> PlanAsync(BulkActionRun run, CancellationToken cancellationToken)
    {
        var actionIds = JsonSerializer.Deserialize<string[]>(run.ActionIds) ?? [];
        var policyIds = JsonSerializer.Deserialize<string[]>(run.PolicyIds) ?? [];
        var values = JsonNode.Parse(run.ActionParameters) as JsonObject ?? [];
        var parameters = actionIds.ToDictionary(a => a, a => values[a]?.DeepClone() as JsonObject, StringComparer.Ordinal);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (plan, errors) = await planner.PlanAsync(db, run.OrganizationId, run.ItemTypeId, actionIds, parameters, policyIds, cancellationToken);
        return plan is not null
            ? (plan, null)
            : (null, "The run's item type or actions changed since it started: " + string.Join(" ", errors.SelectMany(e => e.Value)));
    }

    private async Task<bool> StartAsync(BulkActionRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var started = await db.BulkActionRuns.Where(r => r.Id == run.Id && r.Status == BulkActionRunStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BulkActionRunStatus.Running).SetProperty(r => r.StartedAt, now), cancellationToken);
        if (started == 1)
        {
            LogStarted(run.Id, run.TotalItems);
            await AnnounceAsync(run, cancellationToken);
        }

        return started == 1;
    }

    private async Task FinishAsync(BulkActionRun run, BulkActionRunStatus status, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var finished = await db.BulkActionRuns.Where(r => r.Id == run.Id && r.Status == BulkActionRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Error, error),
                cancellationToken);
        if (finished == 1)
        {
            LogFinished(run.Id, status);
            await AnnounceAsync(run, cancellationToken);
        }
    }

    private async Task MarkFailedAsync(BulkActionRun run, Row row, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = BulkActionRunItem.ClipError(error);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await db.BulkActionRunItems.Where(i => i.Id == row.Id && i.Status == BulkActionItemStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, BulkActionItemStatus.Failed).SetProperty(i => i.Error, message)
                .SetProperty(i => i.ProcessedAt, now), cancellationToken);
        if (marked == 1)
        {
            await db.BulkActionRuns.Where(r => r.Id == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FailedItems, r => r.FailedItems + 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private Task AnnounceAsync(BulkActionRun run, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent(run.OrganizationId, LiveTopics.BulkActions(run.OrganizationId), LiveEventKinds.BulkActionChanged, run.Id),
            cancellationToken).AsTask();

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk action run {RunId} started with {Total} items")]
    private partial void LogStarted(string runId, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk action run {RunId} finished: {Status}")]
    private partial void LogFinished(string runId, BulkActionRunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chunk of bulk action run {RunId} failed; retrying its items one by one")]
    private partial void LogChunkFailed(Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk action run {RunId}: item {ItemId} could not be actioned")]
    private partial void LogItemFailed(Exception exception, string runId, string itemId);
}
