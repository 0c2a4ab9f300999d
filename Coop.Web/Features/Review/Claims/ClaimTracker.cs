using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Coop.Web.Features.Review.Claims;

/// <summary>The claims taken in one circuit (browser tab), so they go back to the queue when the tab closes or the connection is lost for good.</summary>
public sealed class ClaimTracker(Operations.NodeClaims node)
{
    private readonly ConcurrentDictionary<string, (string OrganizationId, string UserId)> held = new(StringComparer.Ordinal);

    public void Track(string organizationId, string jobId, string userId)
    {
        held[jobId] = (organizationId, userId);
        node.Track(organizationId, jobId, userId);
    }

    public void Forget(string jobId)
    {
        held.TryRemove(jobId, out _);
        node.Forget(jobId);
    }

    /// <summary>Whether this circuit still holds <paramref name="jobId"/> (false once released, decided or handed on).</summary>
    public bool Holds(string jobId) => held.ContainsKey(jobId);

    public IReadOnlyList<(string JobId, string OrganizationId, string UserId)> Held => [.. held.Select(h => (h.Key, h.Value.OrganizationId, h.Value.UserId))];
}

/// <summary>Releases a circuit's claims when the circuit ends (tab closed, navigation away from the app, connection gone past retention).</summary>
internal sealed class ClaimReleaseCircuitHandler(ClaimTracker tracker, JobClaims claims) : CircuitHandler
{
    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        foreach (var (jobId, organizationId, userId) in tracker.Held)
        {
            await claims.ReleaseAsync(organizationId, jobId, userId, cancellationToken: CancellationToken.None);
            tracker.Forget(jobId);
        }
    }
}
