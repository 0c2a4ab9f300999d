using Coop.Domain.ChildSafety;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Review.Routing;
using Coop.Web.Features.Users;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>
/// Puts a user into child-safety review: resolves the user behind an item (the item itself for user items, else its
/// author through the creator role), then opens — or updates — the one open job about that user in the organization's
/// NCMEC queue. The job covers the triggering items and holds the user's media, gathered afresh (bounded) on every
/// enqueue. Adds to the caller's context; the caller commits, then publishes <see cref="NcmecEnqueued.Announcements"/>.
/// When no author is known the job is about the item itself, so nothing reported is ever dropped.
/// </summary>
public sealed class NcmecEnqueuer(ItemTypeCatalog catalog, IOptions<NcmecReviewOptions> options)
{
    public async Task<NcmecEnqueued> EnqueueAsync(
        CoopDbContext db, string organizationId, ItemIdentifier item, ItemIdentifier? knownCreator, JobSource source, string detail,
        DateTime nowUtc, CancellationToken cancellationToken, IReadOnlyList<Domain.Items.ItemSubmission>? known = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(item);
        var types = await catalog.GetLatestAsync(organizationId, cancellationToken);
        var resolved = await ItemUser.ResolveAsync(db, types, organizationId, item, knownCreator, cancellationToken);
        var user = resolved ?? item;
        var queues = await DefaultQueues.EnsureAsync(db, organizationId, nowUtc, cancellationToken);
        var queue = DefaultQueues.DefaultOf(queues, QueueKind.Ncmec)!;
        var key = ReviewJob.ItemKey(user.TypeId, user.Id);
        var job = db.ReviewJobs.Local.FirstOrDefault(j => j.QueueId == queue.Id && j.OpenItemKey == key)
            ?? await db.ReviewJobs.SingleOrDefaultAsync(j => j.QueueId == queue.Id && j.OpenItemKey == key, cancellationToken);
        var opened = job is null;
        NcmecJobContent? content = null;
        if (job is null)
        {
            job = ReviewJob.Open(organizationId, queue.Id, user.TypeId, user.Id, source, nowUtc);
            job.SetPriority(JobPriority.Score(null, 0, true));
            db.ReviewJobs.Add(job);
        }
        else
        {
            content = db.NcmecJobContents.Local.FirstOrDefault(c => c.JobId == job.Id)
                ?? await db.NcmecJobContents.SingleOrDefaultAsync(c => c.JobId == job.Id, cancellationToken);
        }

        if (content is null)
        {
            content = NcmecJobContent.Create(job, resolved is not null);
            db.NcmecJobContents.Add(content);
        }

        var covered = await db.NcmecJobItems.Where(i => i.JobId == job.Id).Select(i => new ItemIdentifier(i.ItemId, i.ItemTypeId)).ToListAsync(cancellationToken);
        covered.AddRange(db.NcmecJobItems.Local.Where(i => i.JobId == job.Id).Select(i => new ItemIdentifier(i.ItemId, i.ItemTypeId)));
        if (!covered.Contains(item))
        {
            db.NcmecJobItems.Add(NcmecJobItem.Create(job, item.TypeId, item.Id, nowUtc));
            covered.Add(item);
        }

        var gathered = await NcmecMediaGatherer.GatherAsync(db, types, organizationId, user, resolved is not null, covered.Distinct().ToList(), known ?? [], options.Value, cancellationToken);
        content.SetMedia(gathered.Media, gathered.OmittedItemCount, nowUtc);
        db.JobEvents.Add(JobEvent.Record(organizationId, job.Id, opened ? JobEventKind.Created : JobEventKind.ReportAttached, null, nowUtc,
            detail: $"{detail} ({item.TypeId}/{item.Id})"));
        return new NcmecEnqueued(job, queue, opened, item);
    }
}

/// <summary>The NCMEC job a user is in after an enqueue, and what to tell live screens once committed.</summary>
public sealed record NcmecEnqueued(ReviewJob Job, ReviewQueue Queue, bool Opened, ItemIdentifier Trigger)
{
    public IReadOnlyList<LiveEvent> Announcements =>
    [
        new(Job.OrganizationId, LiveTopics.Queue(Queue.Id), LiveEventKinds.JobEnqueued, Job.Id),
        new(Job.OrganizationId, LiveTopics.Queues(Job.OrganizationId), LiveEventKinds.JobEnqueued, Job.Id),
        new(Job.OrganizationId, LiveTopics.Job(Job.Id), LiveEventKinds.JobUpdated, Job.Id),
        new(Job.OrganizationId, LiveTopics.Item(Job.OrganizationId, Job.ItemTypeId, Job.ItemId), LiveEventKinds.JobEnqueued, Job.Id),
    ];
}
