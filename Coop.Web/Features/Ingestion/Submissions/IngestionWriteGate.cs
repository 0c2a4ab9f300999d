using Coop.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// On SQLite, the ingestion path's two writers — the group-commit <see cref="SubmissionWriter"/> and the
/// <see cref="SubmissionProcessor"/>'s lease and processing transactions — take turns through this in-process gate
/// (first come, first served) instead of meeting at SQLite's write lock. There a writer that finds the lock taken is
/// put to sleep by the busy handler in steps of up to 100 ms, whatever the holder's commit takes, so the two kept each
/// other waiting far longer than either wrote. Other writers (decisions, claims) still meet them at the lock; these two are
/// where the traffic is. PostgreSQL and SQL Server lock rows, so the gate is open there (and with
/// <see cref="IngestionOptions.SerializeSqliteWrites"/> off). It never nests: neither holder waits for the other.
/// </summary>
public sealed class IngestionWriteGate(IOptions<DatabaseOptions> database, IOptions<IngestionOptions> ingestion) : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly bool enabled = database.Value.Provider == DatabaseProvider.Sqlite && ingestion.Value.SerializeSqliteWrites;

    /// <summary>Waits for this writer's turn (at once where the gate is open); dispose the result to hand the turn on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return default;
        }

        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    public void Dispose() => turn.Dispose();

    /// <summary>A writer's turn; disposing it lets the next one in.</summary>
    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
