namespace Coop.Web.Features.Review.Claims;

/// <summary>
/// Keeps a page's claim alive while someone is there: renews it every <see cref="ReviewOptions.RenewInterval"/> while the browser
/// is connected, not at all while it is away, and at once when it comes back. So a circuit Blazor keeps after its browser left
/// holds the job for the rest of the lease at most; then the claim is void and the sweeper returns the job. A reviewer whose
/// connection comes back before that keeps the job; after it, the renewal finds the claim gone and the page says so.
/// </summary>
public sealed class ClaimRenewal : IAsyncDisposable
{
    private readonly CircuitConnection connection;
    private readonly Func<Task> renew;
    private readonly ITimer timer;
    private readonly IDisposable restored;
    private Task running = Task.CompletedTask;

    /// <param name="time">The clock.</param>
    /// <param name="connection">The circuit's connection.</param>
    /// <param name="every">How often to renew while connected.</param>
    /// <param name="renew">The renewal (the page's, on its dispatcher).</param>
    public ClaimRenewal(TimeProvider time, CircuitConnection connection, TimeSpan every, Func<Task> renew)
    {
        this.connection = connection;
        this.renew = renew;
        restored = connection.OnRestored(Renew);
        timer = time.CreateTimer(_ => Tick(), null, every, every);
    }

    /// <summary>The latest renewal (tests await it).</summary>
    internal Task Running => running;

    public async ValueTask DisposeAsync()
    {
        restored.Dispose();
        await timer.DisposeAsync();
    }

    private void Tick()
    {
        if (connection.IsConnected)
        {
            Renew();
        }
    }

    private void Renew() => running = renew();
}
