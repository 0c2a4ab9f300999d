using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>What every NCMEC decision shares: the job must be an open NCMEC job the reviewer holds; it closes in the same statement that checks so.</summary>
internal static class NcmecDecisions
{
    private const string NotHeld = "You no longer hold this job: your claim expired or it went to someone else. Open the queue to go on.";

    public static async Task<(ReviewJob Job, NcmecJobContent? Content)> HeldJobAsync(
        CoopDbContext db, Actor actor, string jobId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var job = await db.ReviewJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such job.");
        if (!await db.ReviewQueues.AnyAsync(q => q.Id == job.QueueId && q.Kind == QueueKind.Ncmec, cancellationToken))
        {
            throw new ValidationFailedException(string.Empty, "Only jobs in an NCMEC queue take NCMEC decisions.");
        }

        if (job.Status == JobStatus.Closed)
        {
            throw new ValidationFailedException(string.Empty, "This job has already been decided.");
        }

        if (job.ClaimedByUserId != actor.UserId || job.ClaimExpiresAt <= nowUtc)
        {
            throw new ValidationFailedException(string.Empty, NotHeld);
        }

        var content = await db.NcmecJobContents.AsNoTracking().SingleOrDefaultAsync(c => c.JobId == job.Id, cancellationToken);
        return (job, content);
    }

    public static async Task CloseHeldAsync(CoopDbContext db, ReviewJob job, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var closed = await db.ReviewJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Open && j.ClaimedByUserId == actor.UserId && j.ClaimExpiresAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Closed)
                .SetProperty(j => j.OpenItemKey, (string?)null)
                .SetProperty(j => j.ClaimedByUserId, (string?)null)
                .SetProperty(j => j.ClaimExpiresAt, (DateTime?)null)
                .SetProperty(j => j.ClosedAt, now)
                .SetProperty(j => j.ClosedByUserId, actor.UserId), cancellationToken);
        if (closed == 0)
        {
            throw new ValidationFailedException(string.Empty, NotHeld);
        }
    }

    public static async Task AnnounceAsync(ILiveEvents live, ReviewJob job, string userId, CancellationToken cancellationToken)
    {
        var org = job.OrganizationId;
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Job(job.Id), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Queue(job.QueueId), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Queues(org), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Decisions(org), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Item(org, job.ItemTypeId, job.ItemId), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
    }
}
