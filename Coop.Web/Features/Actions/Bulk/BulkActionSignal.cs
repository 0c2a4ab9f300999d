namespace Coop.Web.Features.Actions.Bulk;

/// <summary>Wakes the bulk action worker when a run was created (it also polls, so a lost signal only delays).</summary>
public sealed class BulkActionSignal : IDisposable
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
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
