using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>The organization-level callbacks a decision makes: Ignore and the appeal outcome, through the signed outbox.</summary>
internal static class DecisionCallbacks
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Coop's ignore callback: <c>{ id, typeId, data }</c> of the item as Coop last received it.</summary>
    public static async Task EnqueueIgnoreAsync(
        CoopDbContext db, IWebhookOutbox outbox, ReviewSettings settings, ReviewJob job, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (settings.IgnoreCallbackUrl is not { } url)
        {
            return;
        }

        var data = await (
            from item in db.Set<Item>()
            where item.OrganizationId == job.OrganizationId && item.ItemTypeId == job.ItemTypeId && item.ItemId == job.ItemId
            join submission in db.Set<ItemSubmission>() on item.LatestSubmissionId equals submission.Id
            select submission.Data).SingleOrDefaultAsync(cancellationToken);
        var body = new JsonObject
        {
            ["id"] = job.ItemId,
            ["typeId"] = job.ItemTypeId,
            ["data"] = data is null ? new JsonObject() : JsonNode.Parse(data),
        };
        outbox.Enqueue(db, OutboxMessage.Create(job.OrganizationId, OutboxMessageKinds.IgnoreCallback, url, body.ToJsonString(Compact), null, nowUtc,
            itemId: job.ItemId, itemTypeId: job.ItemTypeId));
    }

    /// <summary>Coop's appeal decision callback: <c>{ appealId, item, appealedBy, appealDecision }</c>.</summary>
    public static void EnqueueAppealDecision(CoopDbContext db, IWebhookOutbox outbox, ReviewSettings settings, Appeal appeal, bool accepted, DateTime nowUtc)
    {
        if (settings.AppealCallbackUrl is not { } url)
        {
            return;
        }

        var body = new JsonObject
        {
            ["appealId"] = appeal.AppealId,
            ["item"] = new JsonObject { ["id"] = appeal.ItemId, ["typeId"] = appeal.ItemTypeId },
            ["appealedBy"] = new JsonObject { ["id"] = appeal.AppealedById, ["typeId"] = appeal.AppealedByTypeId },
            ["appealDecision"] = accepted ? "ACCEPT" : "REJECT",
        };
        outbox.Enqueue(db, OutboxMessage.Create(appeal.OrganizationId, OutboxMessageKinds.AppealCallback, url, body.ToJsonString(Compact),
            settings.AppealCallbackHeadersJson, nowUtc, itemId: appeal.ItemId, itemTypeId: appeal.ItemTypeId));
    }
}
