using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>
/// What an accepted appeal runs besides removing strikes: for each appealed action that has an "undo" action configured
/// (Settings → Review console → Appeals), that action on the appealed item, with no policies (so it adds no strikes),
/// carrying the reviewer and the reason, as one event correlated to the appeal job.
/// </summary>
internal static class AppealReversal
{
    public static async Task<ActionPublication?> PublicationAsync(
        CoopDbContext db, ItemTypeCatalog catalog, ReviewSettings settings, Appeal appeal, ReviewJob job, Actor actor, string? reason,
        CancellationToken cancellationToken)
    {
        var undo = settings.AppealUndoActions;
        var undoIds = (JsonSerializer.Deserialize<string[]>(appeal.ActionsTaken) ?? [])
            .Select(id => undo.GetValueOrDefault(id)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (undoIds.Count == 0)
        {
            return null;
        }

        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == appeal.OrganizationId && undoIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var itemType = (await catalog.GetLatestAsync(appeal.OrganizationId, cancellationToken)).ById(appeal.ItemTypeId);
        if (actions.Count == 0 || itemType is null)
        {
            return null;
        }

        var target = await ActionRunner.ResolveTargetAsync(db, appeal.OrganizationId, itemType, appeal.ItemId, cancellationToken);
        return new ActionPublication(appeal.OrganizationId, target,
            [.. actions.OrderBy(a => undoIds.IndexOf(a.Id)).Select(a => new ActionInvocation(a, null))],
            ActionExecutionSource.AppealReversal, $"appeal-accepted:{job.Id}")
        {
            ActorUserId = actor.UserId,
            ActorEmail = actor.Name,
            DecisionReason = reason,
            JobId = job.Id,
            CustomExtras = new() { ["appealId"] = appeal.AppealId },
        };
    }
}
