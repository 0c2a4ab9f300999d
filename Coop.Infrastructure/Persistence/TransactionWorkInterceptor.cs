using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// Runs a <see cref="CoopDbContext"/>'s before-commit work (<see cref="CoopDbContext.BeforeCommit{T}"/>, deferred audit
/// entries) inside the transaction just before EF commits it, and forgets the work of a transaction that ended without.
/// </summary>
public sealed class TransactionWorkInterceptor : DbTransactionInterceptor
{
    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is CoopDbContext db)
        {
            await db.RunBeforeCommitAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is CoopDbContext { HasPendingTransactionWork: true })
        {
            throw new InvalidOperationException("This transaction has work to write before it commits: commit it with CommitAsync.");
        }

        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        (eventData.Context as CoopDbContext)?.ForgetTransactionWork();
    }
}
