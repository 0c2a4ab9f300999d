using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>The <c>BulkActions</c> section: how the bulk action worker works through runs.</summary>
public sealed class BulkActionOptions
{
    public const string SectionName = "BulkActions";

    /// <summary>Run the worker in this process (runs created here are then picked up by another node).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Items actioned per transaction.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 100;

    /// <summary>A pause after each chunk, to spread a large run's callbacks over time (none by default).</summary>
    public TimeSpan PauseBetweenChunks { get; set; } = TimeSpan.Zero;

    /// <summary>How often to look for runs when nothing wakes the worker (runs created on other nodes, resumed runs).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
