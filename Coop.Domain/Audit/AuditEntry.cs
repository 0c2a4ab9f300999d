namespace Coop.Domain.Audit;

/// <summary>
/// One row of the audit log: who did what to which thing, when. Written in the same transaction
/// as the change it records, and never updated afterwards.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }

    public string? OrganizationId { get; private set; }

    /// <summary>The acting user's id; null for the system (CLI, jobs) or the platform API.</summary>
    public string? ActorId { get; private set; }

    /// <summary>How the actor is shown: an email, "cli", "system" or "api".</summary>
    public string Actor { get; private set; } = string.Empty;

    /// <summary>A dotted verb such as <c>organization.created</c> or <c>user.signed-in</c>.</summary>
    public string Action { get; private set; } = string.Empty;

    public string? TargetType { get; private set; }

    public string? TargetId { get; private set; }

    /// <summary>A short human-readable summary; never holds a secret.</summary>
    public string? Details { get; private set; }

    public DateTime OccurredAt { get; private set; }

    public static AuditEntry Record(
        string? organizationId, string? actorId, string actor, string action,
        string? targetType, string? targetId, string? details, DateTime occurredAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEntry
        {
            OrganizationId = organizationId,
            ActorId = actorId,
            Actor = string.IsNullOrWhiteSpace(actor) ? "system" : actor,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details,
            OccurredAt = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc),
        };
    }
}
