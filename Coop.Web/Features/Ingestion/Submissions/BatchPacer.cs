namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Spaces the starts of the processor's batches at least <see cref="IngestionOptions.BatchInterval"/> apart: a batch
/// asked for sooner waits out the rest of the interval, so under load each batch carries what arrived meanwhile; one
/// asked for after a longer pause starts at once.
/// </summary>
public sealed class BatchPacer(TimeSpan interval, TimeProvider time)
{
    private long? lastStart;

    /// <summary>Waits until the next batch may start, and marks it started.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (lastStart is { } last && interval > TimeSpan.Zero && interval - time.GetElapsedTime(last) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, time, cancellationToken);
        }

        lastStart = time.GetTimestamp();
    }
}
