using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coop.Benchmarks.Harness;

/// <summary>What a timed run gave: completed operations, failures, the elapsed time and every latency (ms).</summary>
public sealed record LoadResult(int Completed, int Failed, TimeSpan Elapsed, IReadOnlyList<double> Latencies)
{
    /// <summary>The most thread-pool threads and queued work items seen while it ran (sampled every 100 ms): starvation shows here.</summary>
    public (int Threads, long Queued) ThreadPoolPeak { get; init; }

    public double Rate => Completed / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

/// <summary>Runs N concurrent workers in a closed loop for a fixed time, timing each operation.</summary>
public static class LoadGenerator
{
    /// <summary>
    /// Each of <paramref name="concurrency"/> workers calls <paramref name="operation"/> (worker index, sequence number) until
    /// <paramref name="duration"/> has passed; an operation returns false (or throws) when it failed.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, int, Task<bool>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var latencies = new List<double>[concurrency];
        var failed = 0;
        var sequence = 0;
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var peakThreads = 0;
        var peakQueued = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakThreads = Math.Max(peakThreads, ThreadPool.ThreadCount);
                peakQueued = Math.Max(peakQueued, ThreadPool.PendingWorkItemCount);
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(worker, Interlocked.Increment(ref sequence));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref failed) <= 3)
                    {
                        Console.WriteLine($"  failure: {ex.GetType().Name}: {ex.Message}");
                    }

                    continue;
                }

                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count, failed, elapsed, all) { ThreadPoolPeak = (peakThreads, peakQueued) };
    }

    /// <summary>An HTTP client over loopback with one connection per worker and no proxy.</summary>
    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestVersion = HttpVersion.Version11,
        };
}

/// <summary>
/// The reference web server: raw Kestrel in this process with <c>/plain</c> (a constant string), <c>/echo</c> (parses the JSON
/// body with the same parser the API uses, <see cref="JsonNode"/>, and writes it back) and <c>/hook</c> (answers 200; a webhook
/// receiver for the product's outbound calls).
/// </summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private long hooks;

    private EchoServer(WebApplication app) => this.app = app;

    public Uri BaseAddress => new(app.Urls.First().TrimEnd('/') + "/");

    public long HooksReceived => Interlocked.Read(ref hooks);

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new EchoServer(app);
        app.MapGet("/plain", () => "Hello, World!");
        app.MapPost("/echo", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return Results.Text(node?.ToJsonString() ?? "null", "application/json");
        });
        app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref server.hooks);
            return Results.Ok();
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
