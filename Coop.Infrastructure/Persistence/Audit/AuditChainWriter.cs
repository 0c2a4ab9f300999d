using Coop.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Coop.Infrastructure.Persistence.Audit;

/// <summary>
/// Links new audit entries into the chain. <see cref="CoopDbContext"/> keeps a transaction's new entries and, just before
/// it commits, calls <see cref="LockAndChainAsync"/>: one statement bumps the chain head's version and returns it (taking
/// the head row's lock: PostgreSQL and SQL Server row locks, SQLite's write lock), the entries are hashed after it and
/// saved with the head's new end. A second writer waits on the lock and sees the advanced head, so the chain never forks;
/// the unique index on <see cref="AuditEntry.Sequence"/> is the backstop. <c>Link</c> and <see cref="LinkAsync"/>
/// chain at once (synchronous saves, contexts without the interceptor). Audit entries are never updated or deleted through EF.
/// </summary>
internal static class AuditChainWriter
{
    public static void RefuseChanges(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries cannot be edited or deleted.");
            }
        }

        if (tracker.Entries<AuditChainHead>().Any(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached))
        {
            throw new InvalidOperationException("The audit chain head is moved only by the chain writer.");
        }
    }

    public static List<AuditEntry> Pending(ChangeTracker tracker) =>
        [.. tracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    public static async Task LinkAsync(DbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        var heads = db.Set<AuditChainHead>();
        var locked = await heads.Where(h => h.Id == AuditChainHead.GlobalId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Version, h => h.Version + 1), cancellationToken);
        if (locked != 1)
        {
            throw new InvalidOperationException("The audit chain head row is missing; run the database migrations.");
        }

        var head = await heads.AsNoTracking().Where(h => h.Id == AuditChainHead.GlobalId)
            .Select(h => new { h.Sequence, h.Hash }).SingleAsync(cancellationToken);
        var (sequence, hash) = Link(pending, head.Sequence, head.Hash);
        await heads.Where(h => h.Id == AuditChainHead.GlobalId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash), cancellationToken);
    }

    public static void Link(DbContext db, IReadOnlyList<AuditEntry> pending)
    {
        var heads = db.Set<AuditChainHead>();
        if (heads.Where(h => h.Id == AuditChainHead.GlobalId).ExecuteUpdate(s => s.SetProperty(h => h.Version, h => h.Version + 1)) != 1)
        {
            throw new InvalidOperationException("The audit chain head row is missing; run the database migrations.");
        }

        var head = heads.AsNoTracking().Where(h => h.Id == AuditChainHead.GlobalId).Select(h => new { h.Sequence, h.Hash }).Single();
        var (sequence, hash) = Link(pending, head.Sequence, head.Hash);
        heads.Where(h => h.Id == AuditChainHead.GlobalId).ExecuteUpdate(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.Hash, hash));
    }

    /// <summary>
    /// Locks the chain head and reads it in one statement (<c>UPDATE … RETURNING</c>; SQL Server <c>OUTPUT</c>), chains
    /// <paramref name="pending"/> after it and leaves the head tracked with its new end, for the caller to save with the
    /// entries in one batch. The caller detaches the head after saving.
    /// </summary>
    public static async Task<AuditChainHead> LockAndChainAsync(DbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlServer()
            ? "UPDATE [AuditChainHeads] SET [Version] = [Version] + 1 OUTPUT INSERTED.* WHERE [Id] = N'" + AuditChainHead.GlobalId + "'"
            : "UPDATE \"AuditChainHeads\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = '" + AuditChainHead.GlobalId + "' RETURNING *";
        var heads = await db.Set<AuditChainHead>().FromSqlRaw(sql).AsTracking().ToListAsync(cancellationToken);
        if (heads.Count != 1)
        {
            throw new InvalidOperationException("The audit chain head row is missing; run the database migrations.");
        }

        var head = heads[0];
        var entry = db.Entry(head);
        var (sequence, hash) = Link(pending, head.Sequence, head.Hash);
        entry.Property(h => h.Sequence).CurrentValue = sequence;
        entry.Property(h => h.Hash).CurrentValue = hash;
        return head;
    }

    private static (long Sequence, string Hash) Link(IReadOnlyList<AuditEntry> pending, long sequence, string hash)
    {
        foreach (var entry in pending)
        {
            sequence++;
            entry.Chain(sequence, hash);
            hash = entry.Hash!;
        }

        return (sequence, hash);
    }
}
