using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Infrastructure.Persistence.Providers.Postgres;

/// <summary>
/// PostgreSQL row locking for queries EF cannot express: a query tagged with <see cref="RowLocking.ForUpdateSkipLocked{T}"/> gets
/// <c>FOR UPDATE SKIP LOCKED</c> appended, so inside a transaction it locks the rows it returns and passes over rows another
/// transaction has locked (the queue-consumer pattern: concurrent reviewers each get a different next job, without waiting).
/// </summary>
public sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    /// <summary>The tag; EF writes it as the command's first line (<c>-- coop:for-update-skip-locked</c>).</summary>
    public const string Tag = "coop:for-update-skip-locked";

    private const string Marker = "-- " + Tag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Lock(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Lock(command);
        return ValueTask.FromResult(result);
    }

    private static void Lock(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
        {
            command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
        }
    }
}

/// <summary>Row-locking query tags (see <see cref="SkipLockedInterceptor"/>).</summary>
public static class RowLocking
{
    /// <summary>
    /// On PostgreSQL, locks the rows the query returns and skips rows locked by other transactions (use inside a
    /// transaction, on a query of one table). Elsewhere the tag is only a comment.
    /// </summary>
    public static IQueryable<T> ForUpdateSkipLocked<T>(this IQueryable<T> query) => query.TagWith(SkipLockedInterceptor.Tag);
}
