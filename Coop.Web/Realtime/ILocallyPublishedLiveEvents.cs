namespace Coop.Web.Realtime;

/// <summary>
/// The events published on this node, as they are published (the SignalR bridge: with the Redis backplane SignalR carries a hub
/// message to every node's clients itself, so only the node where an event happened forwards it, and each client hears it once).
/// </summary>
internal interface ILocallyPublishedLiveEvents
{
    IDisposable SubscribeAllPublishedHere(Func<LiveEvent, Task> handler);
}
