namespace Coop.Web.Features.Review;

/// <summary>Who may work (claim, be handed, decide) the jobs of a queue.</summary>
public interface IQueueAccess
{
    /// <summary>
    /// True when <paramref name="userId"/> belongs to <paramref name="organizationId"/>, may review
    /// (<c>VIEW_MRT</c>), and is among the queue's reviewers (directly or by role).
    /// </summary>
    Task<bool> CanWorkAsync(string organizationId, string userId, string queueId, CancellationToken cancellationToken = default);
}
