using System.Collections.Concurrent;

namespace Coop.Web.Operations;

/// <summary>
/// This node's view of the claims its circuits hold (every circuit's <see cref="Features.Review.Claims.ClaimTracker"/> reports
/// here), and whether the node is draining: once it is, no new claim is taken and the held ones go back to their queues.
/// </summary>
public sealed class NodeClaims
{
    private readonly ConcurrentDictionary<string, (string OrganizationId, string UserId)> held = new(StringComparer.Ordinal);
    private volatile bool draining;

    public bool IsDraining => draining;

    public void Track(string organizationId, string jobId, string userId) => held[jobId] = (organizationId, userId);

    public void Forget(string jobId) => held.TryRemove(jobId, out _);

    public IReadOnlyList<(string JobId, string OrganizationId, string UserId)> Held => [.. held.Select(h => (h.Key, h.Value.OrganizationId, h.Value.UserId))];

    internal void BeginDraining() => draining = true;
}
