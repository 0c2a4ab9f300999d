using Microsoft.AspNetCore.SignalR;

namespace Coop.Web.Realtime;

/// <summary>
/// Forwards every live event published on this node to the hub group of its topic. With Redis configured SignalR's backplane
/// carries the message to the group's members on every node, so events published elsewhere are left to their own node's bridge.
/// </summary>
internal sealed class LiveHubBridge(ILocallyPublishedLiveEvents live, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = live.SubscribeAllPublishedHere(e =>
            hub.Clients.Group(e.Topic).LiveEvent(new LiveEventMessage(e.Topic, e.Kind, e.EntityId, e.ActorUserId, time.GetUtcNow())));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
