using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Coop.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// One in-process queue for the writers of one SQLite database file. SQLite lets one connection write at a time; a
/// connection that finds the write lock taken is put to sleep by SQLite's busy handler in growing steps (1, 2, 5, 10 … up
/// to 100 ms) and polls again, whatever the holder's commit takes. With a dozen concurrent writers (reviewers claiming and
/// deciding, ingestion, jobs) a waiter could lose the lock again and again, and a write that takes half a millisecond
/// waited hundreds: that, not the work, was the p99 of claims and decisions on SQLite. Writers of this process now take
/// turns here, first come first served, and each is let in the moment the previous one commits; SQLite's own lock and
/// busy timeout still guard against other processes (the CLI, a backup). <see cref="SqliteWriteGateInterceptor"/> takes a
/// turn for every EF transaction and every write statement run outside one.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "One gate per database file for the life of the process, shared by every context on it.")]
public sealed class SqliteWriteGate
{
    /// <summary>How long a writer waits for its turn before it goes on without one (to SQLite's lock and busy timeout).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim turn = new(1, 1);
    private long timedOut;

    private SqliteWriteGate(string database) => Database = database;

    /// <summary>The database file this gate serializes (its full path).</summary>
    public string Database { get; }

    /// <summary>True while a writer of this process holds the turn.</summary>
    public bool IsHeld => turn.CurrentCount == 0;

    /// <summary>How many writers gave up waiting for their turn (after <see cref="MaxWait"/>) and went on to SQLite's lock.</summary>
    public long TimedOut => Interlocked.Read(ref timedOut);

    /// <summary>The gate of the database a connection string names; null for in-memory databases (one per connection).</summary>
    public static SqliteWriteGate? For(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || source.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.GetFullPath(source);
        return Gates.GetOrAdd(path, p => new SqliteWriteGate(p));
    }

    /// <summary>Waits for a turn; dispose the result to hand it on. After <see cref="MaxWait"/> it returns without one.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (await turn.WaitAsync(MaxWait, cancellationToken))
        {
            return new Turn(turn);
        }

        Interlocked.Increment(ref timedOut);
        return new Turn(null);
    }

    /// <inheritdoc cref="EnterAsync"/>
    public Turn Enter()
    {
        if (turn.Wait(MaxWait))
        {
            return new Turn(turn);
        }

        Interlocked.Increment(ref timedOut);
        return new Turn(null);
    }

    /// <summary>A writer's turn; disposing it (once) lets the next one in. A turn not granted holds nothing.</summary>
    public sealed class Turn(SemaphoreSlim? held) : IDisposable
    {
        private SemaphoreSlim? held = held;

        /// <summary>True when this turn was granted (false when the wait timed out).</summary>
        public bool Granted => Volatile.Read(ref held) is not null;

        public void Dispose() => Interlocked.Exchange(ref held, null)?.Release();
    }
}
