using Coop.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence.Audit;

/// <summary>What a walk of the audit chain found.</summary>
public sealed record AuditChainReport(bool Intact, long Checked, long Legacy, long? BrokenEntryId, long? BrokenSequence, string? Problem, DateTime VerifiedAt);

/// <summary>
/// Walks the whole chain in sequence order, streaming (never loading it all): each entry's hash must match its content,
/// its previous hash must be the hash before it, sequence numbers must run 1, 2, 3 … without gaps, and the chain must
/// end exactly at the chain head. Entries written before the chain existed (no sequence) are counted, and must all be
/// older than the first chained entry.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.GlobalId, cancellationToken);
        var legacy = await db.AuditEntries.CountAsync(a => a.Sequence == null, cancellationToken);
        var report = await WalkAsync(db, head, legacy, now, cancellationToken);
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.GlobalId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.LastVerifiedAt, now)
            .SetProperty(h => h.LastVerifiedIntact, report.Intact)
            .SetProperty(h => h.LastVerificationProblem, report.Problem), cancellationToken);
        return report;
    }

    private static async Task<AuditChainReport> WalkAsync(CoopDbContext db, AuditChainHead head, long legacy, DateTime now, CancellationToken cancellationToken)
    {
        AuditChainReport Broken(long? id, long? sequence, string problem, long count) => new(false, count, legacy, id, sequence, problem, now);

        long expected = 1;
        var previous = AuditHash.Genesis;
        long? firstChainedId = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            firstChainedId ??= entry.Id;
            var count = expected - 1;
            if (entry.Sequence != expected)
            {
                return Broken(entry.Id, entry.Sequence, entry.Sequence > expected
                    ? $"Entry {entry.Id}: sequence {entry.Sequence} follows {expected - 1}; entries {expected}–{entry.Sequence - 1} are missing."
                    : $"Entry {entry.Id}: sequence {entry.Sequence} appears twice or out of order.", count);
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken(entry.Id, entry.Sequence, $"Entry {entry.Id} (sequence {entry.Sequence}) does not link to the entry before it: an entry was removed, inserted or reordered.", count);
            }

            if (!AuditHash.Matches(entry))
            {
                return Broken(entry.Id, entry.Sequence, $"Entry {entry.Id} (sequence {entry.Sequence}, {entry.Action}) does not match its hash: it was edited.", count);
            }

            previous = entry.Hash!;
            expected++;
        }

        var checkedCount = expected - 1;
        if (checkedCount != head.Sequence || !string.Equals(previous, head.Hash, StringComparison.Ordinal))
        {
            return Broken(null, checkedCount + 1, checkedCount < head.Sequence
                ? $"The chain ends at sequence {checkedCount} but its head records {head.Sequence}: the newest entries were removed."
                : $"The chain ends at sequence {checkedCount}, which does not match its head ({head.Sequence}).", checkedCount);
        }

        if (firstChainedId is { } first && await db.AuditEntries.AnyAsync(a => a.Sequence == null && a.Id > first, cancellationToken))
        {
            var intruder = await db.AuditEntries.Where(a => a.Sequence == null && a.Id > first).MinAsync(a => a.Id, cancellationToken);
            return Broken(intruder, null, $"Entry {intruder} has no place in the chain but was written after it began.", checkedCount);
        }

        return new AuditChainReport(true, checkedCount, legacy, null, null, null, now);
    }
}
