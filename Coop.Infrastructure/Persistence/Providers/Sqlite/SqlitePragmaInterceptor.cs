using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>
/// Sets SQLite's per-connection pragmas: write-ahead logging (readers never block the writer),
/// enforced foreign keys and a busy timeout so concurrent writers wait instead of failing.
/// Once per native connection: the pool hands the same one out again with its pragmas still set, and running them on
/// every open was a fiftieth of ingestion's CPU.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    private static readonly ConditionalWeakTable<object, object> Configured = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsConfigured(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkConfigured(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkConfigured(connection);
        }
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
