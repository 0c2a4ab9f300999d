using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>
/// Validates a request to run one action on one item and publishes it in one transaction: the platform's
/// <c>POST /api/v1/actions</c> and a moderator's manual run share it, so both behave exactly alike.
/// </summary>
public sealed class ActionRunner(
    IDbContextFactory<CoopDbContext> factory, ItemTypeCatalog catalog, ActionPublisher publisher, TimeProvider time)
{
    public async Task<RunActionResult> RunAsync(
        string organizationId, RunActionRequest request, RunActionActor? actor, ActionExecutionSource source, string correlationId,
        CancellationToken cancellationToken = default) =>
        await RunAsync(organizationId, request, actor, source, correlationId, mayEnqueueToNcmec: true, cancellationToken);

    /// <summary>As the other overload; with <paramref name="mayEnqueueToNcmec"/> false the built-in NCMEC action is refused (a person without child-safety access).</summary>
    public async Task<RunActionResult> RunAsync(
        string organizationId, RunActionRequest request, RunActionActor? actor, ActionExecutionSource source, string correlationId,
        bool mayEnqueueToNcmec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<RunActionError>();
        if (request.Note is { Length: > ActionExecution.NoteMaxLength })
        {
            errors.Add(new RunActionError("note", $"A note has at most {ActionExecution.NoteMaxLength} characters."));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var action = await db.Actions.SingleOrDefaultAsync(a => a.OrganizationId == organizationId && a.Id == request.ActionId, cancellationToken);
        var itemTypes = await catalog.GetLatestAsync(organizationId, cancellationToken);
        var itemType = itemTypes.ById(request.ItemTypeId);
        if (action is null)
        {
            errors.Add(new RunActionError("actionId", $"There is no action with the id '{request.ActionId}'.", IsNotFound: true));
        }
        else if (!publisher.CanRun(action))
        {
            errors.Add(new RunActionError("actionId", $"The action '{action.Name}' cannot be run this way in this version of Coop."));
        }
        else if (action.ActionType == ActionType.EnqueueToNcmec && !mayEnqueueToNcmec)
        {
            errors.Add(new RunActionError("actionId", ChildSafety.Jobs.NcmecEnqueuePermission.Refusal));
        }
        else
        {
            errors.AddRange(ActionParameters.ValueErrors(action.Parameters, request.Parameters)
                .Select(e => new RunActionError(e.Key.Length == 0 ? "parameters" : $"parameters/{e.Key}", e.Value)));
        }

        if (itemType is null)
        {
            errors.Add(new RunActionError("itemTypeId", $"There is no item type with the id '{request.ItemTypeId}'.", IsNotFound: true));
        }

        for (var i = 0; i < request.ReportedItems.Count; i++)
        {
            if (itemTypes.ById(request.ReportedItems[i].TypeId) is null)
            {
                errors.Add(new RunActionError($"reportedItems/{i}/typeId", $"There is no item type with the id '{request.ReportedItems[i].TypeId}'.", IsNotFound: true));
            }
        }

        if (errors.Count > 0)
        {
            return new RunActionResult([], errors);
        }

        // Coop keeps the policies that exist and drops the others.
        var policyIds = request.PolicyIds.Distinct(StringComparer.Ordinal).ToList();
        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && policyIds.Contains(p.Id))
            .ToListAsync(cancellationToken);
        var target = await ResolveTargetAsync(db, organizationId, itemType!, request.ItemId, cancellationToken);
        var publication = new ActionPublication(organizationId, target, [new ActionInvocation(action!, request.Parameters)], source, correlationId)
        {
            Policies = [.. policies.OrderBy(p => policyIds.IndexOf(p.Id)).Select(p => new PolicyReference(p.Id, p.Name, p.Penalty, p.UserStrikeCount))],
            ActorUserId = actor?.UserId,
            ActorEmail = actor?.Email,
            ActorNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note,
            RelatedItems = request.ReportedItems,
        };
        var executions = await publisher.PublishAsync(db, publication, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await publisher.AnnounceAsync(executions, cancellationToken);
        return new RunActionResult(executions, []);
    }

    /// <summary>The callback's item and creator: a user item is its own creator; content names its author when Coop has seen it.</summary>
    public static async Task<ActionTarget> ResolveTargetAsync(
        CoopDbContext db, string organizationId, ResolvedItemType itemType, string itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(itemType);
        var item = new ItemIdentifier(itemId, itemType.Id);
        if (itemType.Kind == ItemTypeKind.User)
        {
            return new ActionTarget(item, itemType.Name, itemType.Kind, item);
        }

        var known = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == itemType.Id && i.ItemId == itemId)
            .Select(i => new { i.CreatorId, i.CreatorTypeId })
            .SingleOrDefaultAsync(cancellationToken);
        var creator = known is { CreatorId: { } creatorId, CreatorTypeId: { } creatorTypeId } ? new ItemIdentifier(creatorId, creatorTypeId) : null;
        return new ActionTarget(item, itemType.Name, itemType.Kind, creator);
    }
}
