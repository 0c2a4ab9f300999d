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

    /// <summary>The state before a configuration change, as JSON; null when not recorded.</summary>
    public string? Before { get; private set; }

    /// <summary>The state after a configuration change, as JSON; null when not recorded.</summary>
    public string? After { get; private set; }

    /// <summary>Position in the one global hash chain (1, 2, 3, …); null only for entries written before the chain existed.</summary>
    public long? Sequence { get; private set; }

    /// <summary>The <see cref="Hash"/> of the entry before this one in the chain (<see cref="AuditHash.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 (lowercase hex) over this entry's canonical form and <see cref="PreviousHash"/>.</summary>
    public string? Hash { get; private set; }

    public static AuditEntry Record(
        string? organizationId, string? actorId, string actor, string action,
        string? targetType, string? targetId, string? details, DateTime occurredAtUtc,
        string? before = null, string? after = null)
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
            OccurredAt = AuditHash.Truncate(DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc)),
            Before = before,
            After = after,
        };
    }

    /// <summary>Links this new entry into the chain after the entry whose hash is <paramref name="previousHash"/>. Called once, when it is saved.</summary>
    public void Chain(long sequence, string previousHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(previousHash);
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditHash.Compute(this, sequence, previousHash);
    }
}
