using Microsoft.AspNetCore.SignalR;

namespace Coop.Web.Realtime;

/// <summary>Forwards every live event to the hub group of its topic (groups are per node; with Redis configured, SignalR's backplane spans nodes).</summary>
internal sealed class LiveHubBridge(ILiveEvents live, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = live.SubscribeAll(e =>
            hub.Clients.Group(e.Topic).LiveEvent(new LiveEventMessage(e.Topic, e.Kind, e.EntityId, e.ActorUserId, time.GetUtcNow())));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
