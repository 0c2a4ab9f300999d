using Coop.Web.Realtime;

namespace Coop.Web.Features.Dashboards;

/// <summary>
/// Re-reads a dashboard when live events arrive, at most once per <see cref="MinInterval"/> (4 per second): events that arrive
/// while a refresh is waiting or running fold into the next one, so a burst of decisions costs a few reads, not one each.
/// </summary>
public sealed class LiveRefresher(Func<Task> refresh, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<IDisposable> subscriptions = [];
    private readonly SemaphoreSlim running = new(1, 1);
    private int queued;
    private long lastTicks;
    private bool disposed;

    public void Subscribe(ILiveEvents live, params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(live);
        foreach (var topic in topics)
        {
            subscriptions.Add(live.Subscribe(topic, _ => Signal()));
        }
    }

    /// <summary>Asks for a refresh; returns at once.</summary>
    public Task Signal()
    {
        if (disposed || Interlocked.Exchange(ref queued, 1) == 1)
        {
            return Task.CompletedTask;
        }

        _ = Task.Run(RunAsync);
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        await running.WaitAsync();
        try
        {
            var wait = MinInterval - time.GetElapsedTime(Interlocked.Read(ref lastTicks));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            Volatile.Write(ref queued, 0);
            Interlocked.Exchange(ref lastTicks, time.GetTimestamp());
            if (!disposed)
            {
                await refresh();
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a refresh was waiting.
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose()
    {
        disposed = true;
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        subscriptions.Clear();
    }
}
