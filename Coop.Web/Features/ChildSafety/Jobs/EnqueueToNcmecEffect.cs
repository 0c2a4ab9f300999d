using Coop.Domain.Actions;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Review.Routing;
using Coop.Web.Realtime;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>
/// The built-in "Enqueue for NCMEC Review" action (from a rule — e.g. an image matching an NCMEC hash bank — or a bulk
/// action): the user behind the item goes into the user-centred NCMEC job.
/// </summary>
internal sealed class EnqueueToNcmecEffect(NcmecEnqueuer enqueuer) : IBuiltInActionEffect
{
    public ActionType ActionType => ActionType.EnqueueToNcmec;

    public async Task<IReadOnlyList<LiveEvent>> ApplyAsync(
        CoopDbContext db, ActionPublication publication, ActionInvocation invocation, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var enqueued = await enqueuer.EnqueueAsync(db, publication.OrganizationId, publication.Target.Item, publication.Target.Creator,
            EnqueueEffectData.SourceOf(publication.Source), EnqueueEffectData.Detail(publication), nowUtc, cancellationToken);
        return enqueued.Announcements;
    }
}
