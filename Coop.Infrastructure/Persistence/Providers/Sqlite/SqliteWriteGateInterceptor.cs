using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Takes a turn at the database's <see cref="SqliteWriteGate"/> before SQLite's write lock is asked for: when an EF
/// transaction begins (Microsoft.Data.Sqlite begins <c>IMMEDIATE</c>, which takes the lock at once) until it commits, rolls
/// back or its connection closes; and for a write statement (<c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>REPLACE</c>)
/// run outside a transaction, until it has run (or its reader — <c>RETURNING</c> — is closed). Reads never wait.
/// A connection holds at most one turn: a statement inside a transaction runs on the transaction's turn.
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private static readonly string[] WriteVerbs = ["INSERT", "UPDATE", "DELETE", "REPLACE"];

    private readonly ConditionalWeakTable<DbConnection, SqliteWriteGate.Turn> held = [];

    // Transactions.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Hold(connection, gate.Enter());
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Hold(connection, await gate.EnterAsync(cancellationToken));
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ReleaseIfNoTransaction(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseIfNoTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback ends with its connection.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    // Write statements outside a transaction.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        HoldForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await HoldForStatementAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        HoldForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await HoldForStatementAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        HoldForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await HoldForStatementAsync(command, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    /// <summary>True for a statement that writes (so takes SQLite's write lock) and runs outside a transaction.</summary>
    internal static bool NeedsTurn(DbCommand command) =>
        command.Transaction is null && command.Connection is not null && IsWrite(command.CommandText);

    internal static bool IsWrite(string? sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var verb in WriteVerbs)
        {
            if (text.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && (text.Length == verb.Length || !char.IsLetterOrDigit(text[verb.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private void HoldForStatement(DbCommand command)
    {
        if (NeedsTurn(command) && !held.TryGetValue(command.Connection!, out _))
        {
            Hold(command.Connection!, gate.Enter());
        }
    }

    private async ValueTask HoldForStatementAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (NeedsTurn(command) && !held.TryGetValue(command.Connection!, out _))
        {
            Hold(command.Connection!, await gate.EnterAsync(cancellationToken));
        }
    }

    private void ReleaseStatement(DbCommand command)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            Release(connection);
        }
    }

    private void Hold(DbConnection connection, SqliteWriteGate.Turn turn)
    {
        if (!turn.Granted)
        {
            return;
        }

        // A connection holds one turn; a second (which cannot happen while the first is held) would hand the first on.
        if (held.TryGetValue(connection, out var previous))
        {
            previous.Dispose();
        }

        held.AddOrUpdate(connection, turn);
    }

    private void Release(DbContext? context)
    {
        if (context is not null)
        {
            Release(context.Database.GetDbConnection());
        }
    }

    private void ReleaseIfNoTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Release(context.Database.GetDbConnection());
        }
    }

    private void Release(DbConnection connection)
    {
        if (held.TryGetValue(connection, out var turn))
        {
            held.Remove(connection);
            turn.Dispose();
        }
    }
}
