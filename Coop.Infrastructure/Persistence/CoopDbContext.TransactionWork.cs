using Coop.Domain.Audit;
using Coop.Infrastructure.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// Work a use case's transaction does last, just before it commits: writes to rows that many transactions share (the
/// dashboard roll-up cells of the current hour, the audit chain head). A row lock is held until the commit whenever it is
/// taken, so taking these last keeps every other transaction's wait for them to the few statements at the end instead of the
/// whole use case (PostgreSQL, S6: 16 reviewers' decisions queued on the chain head and the hour's cells and ran one after
/// the other). The work runs in the transaction: it commits with it or not at all.
/// </summary>
public abstract partial class CoopDbContext
{
    private readonly Dictionary<string, object> commitState = new(StringComparer.Ordinal);
    private readonly List<Func<CancellationToken, Task>> commitSteps = [];
    private readonly List<AuditEntry> deferredAudit = [];
    private bool committing;
    private bool? hasTransactionWork;

    /// <summary>
    /// The state of the work registered under <paramref name="key"/> in the current transaction: created by
    /// <paramref name="create"/> on first use, with <paramref name="flush"/> registered to write it just before the transaction
    /// commits (before the audit chain is linked, always in that order, so two transactions never wait for each other's rows).
    /// Null when there is no transaction or it is already committing: the caller writes at once.
    /// </summary>
    public T? BeforeCommit<T>(string key, Func<T> create, Func<T, CancellationToken, Task> flush)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(flush);
        if (committing || Database.CurrentTransaction is null || !HasTransactionWorkInterceptor())
        {
            return null;
        }

        if (commitState.TryGetValue(key, out var existing))
        {
            return (T)existing;
        }

        var state = create();
        commitState[key] = state;
        commitSteps.Add(cancellationToken => flush(state, cancellationToken));
        return state;
    }

    /// <summary>
    /// The last save of a transaction, right before its commit: without the savepoint EF otherwise wraps each save in an open
    /// transaction with (two more statements; on SQLite, under the single writer). A failure here ends the transaction anyway.
    /// </summary>
    public async Task<int> SaveBeforeCommitAsync(CancellationToken cancellationToken = default)
    {
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Whether work waits for the current transaction's commit.</summary>
    internal bool HasPendingTransactionWork => commitSteps.Count > 0 || deferredAudit.Count > 0;

    /// <summary>Runs the registered work and links and inserts the deferred audit entries (the chain head last).</summary>
    internal async Task RunBeforeCommitAsync(CancellationToken cancellationToken)
    {
        if (committing || !HasPendingTransactionWork)
        {
            return;
        }

        committing = true;
        try
        {
            for (var i = 0; i < commitSteps.Count; i++)
            {
                await commitSteps[i](cancellationToken);
            }

            if (deferredAudit.Count > 0)
            {
                // Two round trips under the head's lock before the commit: lock-and-read, then the entries and the head's new
                // end in one batch (without the savepoint EF would otherwise wrap a save in an open transaction with).
                var head = await AuditChainWriter.LockAndChainAsync(this, deferredAudit, cancellationToken);
                AuditEntries.AddRange(deferredAudit);
                var savepoints = Database.AutoSavepointsEnabled;
                Database.AutoSavepointsEnabled = false;
                try
                {
                    await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
                }
                finally
                {
                    Database.AutoSavepointsEnabled = savepoints;
                    Entry(head).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            committing = false;
            ForgetTransactionWork();
        }
    }

    /// <summary>Drops the work of a transaction that ended (or of one disposed uncommitted, when the next begins).</summary>
    internal void ForgetTransactionWork()
    {
        commitState.Clear();
        commitSteps.Clear();
        deferredAudit.Clear();
    }

    /// <summary>Takes new audit entries out of this save, to be chained at commit; false when they must be chained now.</summary>
    private bool DeferAudit(List<AuditEntry> pending)
    {
        if (committing || !HasTransactionWorkInterceptor())
        {
            return false;
        }

        foreach (var entry in pending)
        {
            Entry(entry).State = EntityState.Detached;
        }

        deferredAudit.AddRange(pending);
        return true;
    }

    // A context configured without the interceptor (DatabaseSetup adds it for every provider) writes everything at once.
    private bool HasTransactionWorkInterceptor() =>
        hasTransactionWork ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<TransactionWorkInterceptor>().Any() == true;
}
