namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>Wakes the processor when new work was committed (it also polls, so a lost signal only delays).</summary>
public sealed class IngestionSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the processor will look once for everything.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
