using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>
/// Starts a bulk run: the same action(s), policies, parameters and reason for every id (up to <see cref="BulkActionRun.MaxItems"/>
/// distinct ids of one item type). Ids Coop has not seen are actioned by id, as in Coop. The run is worked through in the background.
/// </summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record StartBulkActionCommand(
    string ItemTypeId,
    IReadOnlyList<string> ItemIds,
    IReadOnlyList<string> ActionIds,
    IReadOnlyList<string> PolicyIds,
    IReadOnlyDictionary<string, JsonObject?>? Parameters = null,
    string? Reason = null);

public sealed record BulkActionStarted(string RunId, int TotalItems, int KnownItems);

internal sealed class StartBulkActionHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, BulkActionPlanner planner, BulkActionSignal signal, ILiveEvents live,
    TimeProvider time) : ICommandHandler<StartBulkActionCommand, BulkActionStarted>
{
    public async Task<BulkActionStarted> HandleAsync(StartBulkActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var ids = BulkItemIdRules.Check(command.ItemIds, allowTooMany: false).Ids;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > ActionExecution.NoteMaxLength })
        {
            throw new ValidationFailedException("reason", $"A reason has at most {ActionExecution.NoteMaxLength} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var parameters = command.Parameters ?? new Dictionary<string, JsonObject?>();
        var (plan, errors) = await planner.PlanAsync(
            db, actor.OrganizationId, command.ItemTypeId, command.ActionIds ?? [], parameters, command.PolicyIds ?? [], cancellationToken);
        if (plan is null)
        {
            throw new ValidationFailedException(errors);
        }

        await ChildSafety.Jobs.NcmecEnqueuePermission.RequireForAsync(currentUser, plan.Actions.Select(a => a.Action));

        var known = await BulkActionPlanner.CountKnownAsync(db, actor.OrganizationId, plan.ItemType.Id, ids, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var actionIds = plan.Actions.Select(a => a.Action.Id).ToList();
        var values = new JsonObject(plan.Actions.Where(a => a.Parameters is not null)
            .Select(a => KeyValuePair.Create(a.Action.Id, (JsonNode?)a.Parameters!.DeepClone())));
        var run = BulkActionRun.Create(actor.OrganizationId, actor.UserId, actor.Name, plan.ItemType.Id, JsonSerializer.Serialize(actionIds),
            values.ToJsonString(), JsonSerializer.Serialize(plan.Policies.Select(p => p.Id)), reason, ids.Count, known, now);
        db.BulkActionRuns.Add(run);
        db.BulkActionRunItems.AddRange(ids.Select(id => BulkActionRunItem.For(run.Id, id)));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "bulk-action.started", "bulk-action-run", run.Id,
            $"{string.Join(", ", plan.Actions.Select(a => a.Action.Name))} on {ids.Count} {plan.ItemType.Name} item(s) ({known} known)", now));
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.BulkActions(actor.OrganizationId), LiveEventKinds.BulkActionChanged,
            run.Id, actor.UserId), cancellationToken);
        return new BulkActionStarted(run.Id, run.TotalItems, run.KnownItems);
    }
}
