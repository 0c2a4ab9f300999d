using System.Text.Json;

namespace Coop.Domain.Policies;

/// <summary>
/// One revision of a policy: its full state at <see cref="Version"/>, kept after later edits and after
/// deletion so old decisions can be shown against the policy as it was.
/// </summary>
public sealed class PolicyRevision
{
    private PolicyRevision()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string PolicyId { get; private set; } = string.Empty;

    public DateTime Version { get; private set; }

    /// <summary>created, updated or deleted.</summary>
    public string Change { get; private set; } = string.Empty;

    public string ChangedBy { get; private set; } = string.Empty;

    /// <summary>The policy's fields as JSON.</summary>
    public string Snapshot { get; private set; } = "{}";

    public static PolicyRevision Capture(Policy policy, string change, string changedBy, DateTime? version = null) => new()
    {
        OrganizationId = policy.OrganizationId,
        PolicyId = policy.Id,
        Version = version ?? policy.Version,
        Change = change,
        ChangedBy = string.IsNullOrWhiteSpace(changedBy) ? "system" : changedBy,
        Snapshot = JsonSerializer.Serialize(new
        {
            policy.Id,
            policy.Name,
            policy.ParentId,
            policy.Description,
            policy.EnforcementGuidelines,
            Penalty = policy.Penalty.ToWireName(),
            policy.UserStrikeCount,
            policy.ApplyUserStrikeCountToChildren,
        }),
    };
}
