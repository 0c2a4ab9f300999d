using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>The <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Process accepted submissions on this node. Off for API-only nodes (and in some tests).</summary>
    public bool ProcessingEnabled { get; set; } = true;

    /// <summary>How many pending writes (API requests) one commit may carry.</summary>
    [Range(1, 1000)]
    public int MaxRequestsPerCommit { get; set; } = 64;

    /// <summary>How many submissions a worker claims at a time.</summary>
    [Range(1, 10_000)]
    public int ProcessingBatchSize { get; set; } = 200;

    /// <summary>How long a claimed batch stays with its worker before another may take it.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The least time between the starts of two batches. Under load the worker waits out the rest of it before its next
    /// batch, so that one batch carries what arrived meanwhile: fewer, larger processing transactions, which on SQLite
    /// leave more of the one writer to the acknowledged ingestion commits. After a quiet spell longer than this, a wake-up is
    /// processed at once, so a lone item is not delayed. Routing is delayed by at most this much. Zero: no pacing.
    /// </summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long the worker waits after a wake-up, or after a batch that was not full, before it claims the next batch, so
    /// that one batch carries what arrives meanwhile: fewer write transactions under steady load (on SQLite they share one
    /// write lock with the ingestion commits), at the cost of that much processing delay. Zero (the default): at once.
    /// </summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// On SQLite, let the group-commit writer and the processor take turns in the process (see <see cref="IngestionWriteGate"/>)
    /// rather than wait for each other at SQLite's write lock. On by default; ignored on server databases.
    /// </summary>
    public bool SerializeSqliteWrites { get; set; } = true;

    /// <summary>How often the worker looks for work when nobody wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
