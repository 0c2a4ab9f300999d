using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;

namespace Coop.Tests.Integration.Investigation;

/// <summary>Writes items and their history straight into the database, with chosen times, as ingestion and review would.</summary>
internal static class InvestigationSeed
{
    public static async Task<Item> ItemAsync(
        CoopDbContext db, string org, string typeId, string itemId, DateTime at, string data, ItemIdentifier? creator = null, string? name = null)
    {
        var submission = ItemSubmission.Accept(org, itemId, typeId, "v1", "original", data,
            ItemRoleValues.None with { Creator = creator, DisplayName = name }, "items", null, at);
        submission.MarkProcessed(at);
        db.Set<ItemSubmission>().Add(submission);
        await db.SaveChangesAsync();
        var item = Item.FirstSeen(submission);
        db.Set<Item>().Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    public static ActionExecution Execution(string org, string actionId, string typeId, string itemId, DateTime at, string policies = "[]", string? jobId = null) =>
        ActionExecution.Record(org, actionId, actionId, typeId, itemId, ActionExecutionSource.Rule, Guid.NewGuid().ToString(), at, policies: policies, jobId: jobId);

    /// <summary>A job on the item in <paramref name="queue"/>, decided by <paramref name="reviewerId"/> when given.</summary>
    public static async Task<ReviewJob> JobAsync(CoopDbContext db, ReviewQueue queue, string typeId, string itemId, DateTime at, string? reviewerId = null)
    {
        var job = ReviewJob.Open(queue.OrganizationId, queue.Id, typeId, itemId, JobSource.Report, at);
        db.ReviewJobs.Add(job);
        if (reviewerId is not null)
        {
            job.Close(reviewerId, at);
            db.ReviewDecisions.Add(ReviewDecision.Record(job, DecisionKind.Ignore, reviewerId, reviewerId + "@mail", "[]", "[]", null, at));
        }

        await db.SaveChangesAsync();
        return job;
    }
}
