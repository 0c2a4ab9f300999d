using System.Collections.Concurrent;
using Coop.Web.Realtime;

namespace Coop.Web.Features.Review.Presence;

/// <summary>
/// Presence for one node: open job pages of this process. A person with two tabs on the same job counts once and
/// stays present until both close. Changes are announced on the job's live topic.
/// </summary>
internal sealed class InMemoryJobPresence(ILiveEvents live) : IJobPresence
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, JobViewer>> jobs = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> JoinAsync(string organizationId, string jobId, JobViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(viewer);
        var id = Guid.NewGuid();
        jobs.GetOrAdd(jobId, _ => new ConcurrentDictionary<Guid, JobViewer>())[id] = viewer;
        await AnnounceAsync(organizationId, jobId, viewer.UserId, cancellationToken);
        return new Membership(this, organizationId, jobId, id, viewer.UserId);
    }

    public IReadOnlyList<JobViewer> ViewersOf(string jobId) =>
        jobs.TryGetValue(jobId, out var viewers)
            ? [.. viewers.Values.DistinctBy(v => v.UserId).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)]
            : [];

    private async Task LeaveAsync(string organizationId, string jobId, Guid id, string userId)
    {
        if (jobs.TryGetValue(jobId, out var viewers))
        {
            viewers.TryRemove(id, out _);
            if (viewers.IsEmpty)
            {
                jobs.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, JobViewer>>(jobId, viewers));
            }
        }

        await AnnounceAsync(organizationId, jobId, userId, CancellationToken.None);
    }

    private ValueTask AnnounceAsync(string organizationId, string jobId, string userId, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Job(jobId), LiveEventKinds.PresenceChanged, jobId, userId), cancellationToken);

    private sealed class Membership(InMemoryJobPresence owner, string organizationId, string jobId, Guid id, string userId) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await owner.LeaveAsync(organizationId, jobId, id, userId);
            }
        }
    }
}
