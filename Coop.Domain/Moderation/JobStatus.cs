namespace Coop.Domain.Moderation;

/// <summary>
/// An open job waits in its queue (claimed or not; a claim is a lease, see <see cref="ReviewJob.ClaimedByUserId"/>);
/// a closed job has been decided, moved or otherwise finished and never comes back.
/// </summary>
public enum JobStatus
{
    Open = 0,
    Closed = 1,
}
