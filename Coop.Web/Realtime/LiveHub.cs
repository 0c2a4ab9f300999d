using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Review;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Realtime;

/// <summary>
/// <c>/hubs/live</c>: the live feed for clients outside the Blazor console (wall dashboards, scripts). Signed-in users with
/// review access subscribe to their organization's queues, a queue they may work, a job of their organization, or the
/// decisions feed; each subscription is a SignalR group named by the topic, fed from <see cref="ILiveEvents"/>.
/// </summary>
[Authorize(Policy = Permissions.ViewMrt)]
public sealed class LiveHub(IDbContextFactory<CoopDbContext> factory, IQueueAccess access) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public Task SubscribeQueues() => Groups.AddToGroupAsync(Context.ConnectionId, LiveTopics.Queues(OrganizationId));

    public Task SubscribeDecisions() => Groups.AddToGroupAsync(Context.ConnectionId, LiveTopics.Decisions(OrganizationId));

    public async Task SubscribeQueue(string queueId)
    {
        if (!await access.CanWorkAsync(OrganizationId, UserId, queueId, Context.ConnectionAborted))
        {
            throw new HubException("You are not a reviewer of that queue.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveTopics.Queue(queueId));
    }

    public async Task SubscribeJob(string jobId)
    {
        await using var db = await factory.CreateDbContextAsync(Context.ConnectionAborted);
        var queueKind = await (
            from j in db.ReviewJobs
            where j.Id == jobId && j.OrganizationId == OrganizationId
            join q in db.ReviewQueues on j.QueueId equals q.Id
            select (QueueKind?)q.Kind).SingleOrDefaultAsync(Context.ConnectionAborted);
        if (queueKind is null || (queueKind == QueueKind.Ncmec && Context.User?.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData) != true))
        {
            throw new HubException("There is no such job.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveTopics.Job(jobId));
    }

    public Task Unsubscribe(string topic) => Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);

    private string OrganizationId => Context.User?.FindFirst(CoopClaimTypes.OrganizationId)?.Value ?? throw new HubException("You are not a member of an organization.");

    private string UserId => Context.UserIdentifier ?? throw new HubException("Sign in first.");
}
