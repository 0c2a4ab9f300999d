using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Review.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>What the NCMEC review form shows for one job: the user, their gathered media, the items that put them here, their threads, and the org's requirement.</summary>
[RequiresPermission(Permissions.ViewChildSafetyData)]
public sealed record GetNcmecJobQuery(string JobId);

/// <summary>An NCMEC job as the review form shows it.</summary>
public sealed record NcmecJobView(
    string JobId,
    bool IsOpen,
    ItemDisplay User,
    bool UserResolved,
    IReadOnlyList<NcmecJobMedium> Media,
    int OmittedItemCount,
    IReadOnlyList<ItemIdentifier> CoveredItems,
    IReadOnlyList<NcmecThreadChoice> Threads,
    NcmecMediaReviewRequirement Requirement,
    int MinimumMediaToReview,
    NcmecEnvironment Environment)
{
    /// <summary>How many media must be classified before submitting.</summary>
    public int RequiredCount => Requirement == NcmecMediaReviewRequirement.All ? Media.Count : Math.Min(MinimumMediaToReview, Media.Count);
}

internal sealed class GetNcmecJobHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemDisplayBuilder displays)
    : IQueryHandler<GetNcmecJobQuery, NcmecJobView?>
{
    public async Task<NcmecJobView?> HandleAsync(GetNcmecJobQuery query, CancellationToken cancellationToken = default)
    {
        var org = (await currentUser.RequireActorAsync()).OrganizationId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = await (
            from j in db.ReviewJobs.AsNoTracking()
            where j.Id == query.JobId && j.OrganizationId == org
            join q in db.ReviewQueues on j.QueueId equals q.Id
            where q.Kind == QueueKind.Ncmec
            select j).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return null;
        }

        var content = await db.NcmecJobContents.AsNoTracking().SingleOrDefaultAsync(c => c.JobId == job.Id, cancellationToken);
        var covered = await db.NcmecJobItems.AsNoTracking().Where(i => i.JobId == job.Id).OrderBy(i => i.AddedAt)
            .Select(i => new ItemIdentifier(i.ItemId, i.ItemTypeId)).ToListAsync(cancellationToken);
        var latest = await (
            from i in db.Set<Item>()
            where i.OrganizationId == org && i.ItemTypeId == job.ItemTypeId && i.ItemId == job.ItemId
            join s in db.Set<ItemSubmission>() on i.LatestSubmissionId equals s.Id
            select s).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var settings = await db.NcmecSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == org, cancellationToken)
            ?? NcmecSettings.CreateDefault(org);
        var user = new ItemIdentifier(job.ItemId, job.ItemTypeId);
        return new NcmecJobView(
            job.Id, job.Status == JobStatus.Open, await displays.BuildAsync(org, job.ItemTypeId, job.ItemId, latest, cancellationToken),
            content?.UserResolved ?? true, content?.Media ?? [], content?.OmittedItemCount ?? 0, covered,
            await NcmecThreads.ListAsync(db, org, user, cancellationToken),
            settings.MediaReviewRequirement, settings.MinimumMediaToReview, settings.ActiveEnvironment);
    }
}
