using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>The organization's most recent bulk runs, newest first.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record ListBulkActionRunsQuery(int Take = 20);

/// <summary>One bulk run with its failed items (the first few), or null when the organization has no such run.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record GetBulkActionRunQuery(string RunId);

/// <summary>A bulk run as the console shows it.</summary>
public sealed record BulkRunView(
    string Id, string ItemTypeId, string ItemTypeName, IReadOnlyList<string> ActionNames, IReadOnlyList<string> PolicyIds, string? Reason,
    BulkActionRunStatus Status, int Total, int Known, int Done, int Failed, string ActorEmail, DateTime CreatedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Error)
{
    public int Processed => Done + Failed;

    /// <summary>Whole percent of items processed.</summary>
    public int Percent => Total == 0 ? 100 : (int)(Processed * 100L / Total);

    public bool IsActive => Status is BulkActionRunStatus.Pending or BulkActionRunStatus.Running;
}

/// <summary>An item of a run that could not be actioned, and why.</summary>
public sealed record BulkRunFailure(string ItemId, string Error);

public sealed record BulkRunDetails(BulkRunView Run, IReadOnlyList<BulkRunFailure> Failures);

internal sealed class ListBulkActionRunsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListBulkActionRunsQuery, IReadOnlyList<BulkRunView>>, IQueryHandler<GetBulkActionRunQuery, BulkRunDetails?>
{
    public async Task<IReadOnlyList<BulkRunView>> HandleAsync(ListBulkActionRunsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var runs = await db.BulkActionRuns.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(Math.Clamp(query.Take, 1, 100)).ToListAsync(cancellationToken);
        return await ViewsAsync(db, actor.OrganizationId, runs, cancellationToken);
    }

    public async Task<BulkRunDetails?> HandleAsync(GetBulkActionRunQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var run = await db.BulkActionRuns.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == query.RunId && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var failures = await db.BulkActionRunItems.AsNoTracking()
            .Where(i => i.RunId == run.Id && i.Status == BulkActionItemStatus.Failed).OrderBy(i => i.Id).Take(20)
            .Select(i => new BulkRunFailure(i.ItemId, i.Error ?? string.Empty)).ToListAsync(cancellationToken);
        return new BulkRunDetails((await ViewsAsync(db, actor.OrganizationId, [run], cancellationToken))[0], failures);
    }

    private static async Task<IReadOnlyList<BulkRunView>> ViewsAsync(
        CoopDbContext db, string organizationId, IReadOnlyList<BulkActionRun> runs, CancellationToken cancellationToken)
    {
        var actionIds = runs.ToDictionary(r => r.Id, r => JsonSerializer.Deserialize<string[]>(r.ActionIds) ?? []);
        var allActions = actionIds.Values.SelectMany(a => a).Distinct().ToList();
        var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organizationId && allActions.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var typeIds = runs.Select(r => r.ItemTypeId).Distinct().ToList();
        var typeNames = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == organizationId && typeIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return [.. runs.Select(r => new BulkRunView(
            r.Id, r.ItemTypeId, typeNames.GetValueOrDefault(r.ItemTypeId) ?? r.ItemTypeId,
            [.. actionIds[r.Id].Select(a => actionNames.GetValueOrDefault(a) ?? a)], JsonSerializer.Deserialize<string[]>(r.PolicyIds) ?? [],
            r.Reason, r.Status, r.TotalItems, r.KnownItems, r.DoneItems, r.FailedItems, r.ActorEmail, r.CreatedAt, r.StartedAt, r.FinishedAt, r.Error))];
    }
}
