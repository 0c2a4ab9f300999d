namespace Coop.Domain.Audit;

/// <summary>
/// The one row that says where the audit chain ends: the last sequence number and its hash. Every append locks
/// and advances it in the appending transaction, so concurrent writers queue up instead of forking the chain,
/// and deleting the newest entries is detectable. It also keeps the latest verification result for the audit page.
/// </summary>
public sealed class AuditChainHead
{
    public const string GlobalId = "global";

    private AuditChainHead()
    {
    }

    public string Id { get; private set; } = GlobalId;

    public long Sequence { get; private set; }

    public string Hash { get; private set; } = AuditHash.Genesis;

    /// <summary>Bumped by every append to take the row lock before the head is read.</summary>
    public long Version { get; private set; }

    public DateTime? LastVerifiedAt { get; private set; }

    public bool? LastVerifiedIntact { get; private set; }

    /// <summary>What the last verification found wrong (the first broken entry), or null.</summary>
    public string? LastVerificationProblem { get; private set; }
}
