using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Coop.Web.Features.Review.Claims;

/// <summary>
/// Whether the browser of this circuit is connected now (scoped: one per circuit). Blazor keeps a circuit whose browser went
/// away without saying goodbye (lid shut, network gone, a lost disconnect beacon) for its retention period, in case it comes
/// back; the page's components live on all that time, and must not act as if someone were still looking at them.
/// </summary>
public sealed class CircuitConnection
{
    private readonly List<Action> restored = [];
    private volatile bool connected = true;

    /// <summary>True outside a circuit's disconnected spell (and in a plain request, which has no connection to lose).</summary>
    public bool IsConnected => connected;

    /// <summary>Runs <paramref name="callback"/> whenever the connection comes back; dispose the result to stop.</summary>
    public IDisposable OnRestored(Action callback)
    {
        lock (restored)
        {
            restored.Add(callback);
        }

        return new Subscription(this, callback);
    }

    internal void MarkDown() => connected = false;

    internal void MarkUp()
    {
        var wasDown = !connected;
        connected = true;
        if (!wasDown)
        {
            return;
        }

        Action[] callbacks;
        lock (restored)
        {
            callbacks = [.. restored];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }
    }

    private sealed class Subscription(CircuitConnection connection, Action callback) : IDisposable
    {
        public void Dispose()
        {
            lock (connection.restored)
            {
                connection.restored.Remove(callback);
            }
        }
    }
}

/// <summary>Keeps <see cref="CircuitConnection"/> true to the circuit's connection (Blazor calls it on the circuit's dispatcher).</summary>
internal sealed class CircuitConnectionHandler(CircuitConnection connection) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.MarkDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.MarkUp();
        return Task.CompletedTask;
    }
}
