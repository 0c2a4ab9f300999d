using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Coop.Benchmarks.Harness;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S3, live queue push: N SignalR clients in this process (<c>--connections</c>, 100 and 500) connect over WebSockets to the console's
/// <c>/hubs/live</c> as a signed-in reviewer and subscribe to the organization's queues; a report posted to <c>/api/v1/report</c> is
/// routed into the default queue and its "job enqueued" event fans out to all of them. Delivery latency is timed from the commit (the
/// first live event about the new job, published right after its transaction commits) to each client's callback. The reference, in
/// the same server process, is a bare benchmark-only hub (<see cref="TickHub"/>): <c>IHubContext.Clients.All.SendAsync</c> of an id to
/// N clients of its own, timed from the send. Legs alternate (reference, product) in pairs of <c>10 × --seconds</c> messages, sent one
/// at a time (each waits until every client has it, or 10 s: what is still missing then is counted as missed). Resident memory per
/// connection is Δ(RSS after a full GC) / N when each set connects; clients and server share this process, so it counts both ends, for
/// both hubs alike. Then time-to-visible in one real Blazor circuit: headless Chromium on <c>/review</c>, from the commit to the
/// moment a MutationObserver sees the queue's pending count change (<c>performance.timeOrigin + performance.now()</c> against the
/// server's wall clock at the commit; same machine).
/// </summary>
public sealed class LivePushScenario(BenchmarkOptions options) : IScenario
{
    private const double RatioTarget = 1.5;
    private const double P95Target = 250;
    private const double RssRatioTarget = 2.0;
    private const string Prefix = "s3-";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<string> enqueued = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, (long Ticks, double EpochMs)> commits = new(StringComparer.Ordinal);
    private int reportNumber;

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = new BenchmarkHost(options, configureServices: TickHub.Register);
        host.UseKestrel(0);
        host.StartServer();
        var services = host.Services;
        var address = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        var (organizationId, apiKey) = await ScenarioSetup.OrganizationAsync(services, "Live", Prefix, cancellationToken);
        var reviewer = (await ScenarioSetup.ReviewersAsync(services, organizationId, "live.example", 1, cancellationToken))[0];
        var cookies = await SignIn.CookiesAsync(address, reviewer.Email, ScenarioSetup.Password, cancellationToken);
        using var api = LoadGenerator.Client(address, 4);
        api.DefaultRequestHeaders.Add("X-API-KEY", apiKey);

        // "Commit": the first live event about a newly enqueued job of this organization (published right after its commit).
        using var stamp = services.GetRequiredService<ILiveEvents>().SubscribeAll(e =>
        {
            if (e.OrganizationId == organizationId && e.Kind == LiveEventKinds.JobEnqueued && e.EntityId is { } jobId
                && commits.TryAdd(jobId, (Stopwatch.GetTimestamp(), EpochMs(TimeProvider.System.GetUtcNow()))))
            {
                enqueued.Writer.TryWrite(jobId);
            }

            return Task.CompletedTask;
        });

        var tick = services.GetRequiredService<IHubContext<TickHub>>();
        var results = new List<BenchmarkResult>();
        foreach (var n in options.Connections)
        {
            results.AddRange(await FanOutAsync(n, address, cookies, api, tick, cancellationToken));
        }

        results.AddRange(await TimeToVisibleAsync(services, address, cookies, api, organizationId, cancellationToken));
        return results;
    }

    private async Task<IReadOnlyList<BenchmarkResult>> FanOutAsync(
        int n, Uri address, CookieContainer cookies, HttpClient api, IHubContext<TickHub> tick, CancellationToken cancellationToken)
    {
        var messages = Math.Max(5, 10 * options.Seconds);
        Console.WriteLine($"N = {n}: connecting {n} clients to the reference hub and {n} to /hubs/live (WebSockets)…");
        var tickDeliveries = new Deliveries(n);
        var liveDeliveries = new Deliveries(n);
        var before = ProcessMemory.Settled();
        var tickClients = await ConnectAsync(n, i =>
        {
            var connection = Build(new Uri(address, TickHub.Path.TrimStart('/')), null);
            connection.On<string, DateTimeOffset>(TickHub.Method, (id, _) => tickDeliveries.Received(id, i));
            return connection;
        }, null, cancellationToken);
        var withTick = ProcessMemory.Settled();
        var liveClients = await ConnectAsync(n, i =>
        {
            var connection = Build(new Uri(address, LiveHub.Path.TrimStart('/')), cookies);
            connection.On<LiveEventMessage>(nameof(ILiveClient.LiveEvent), m =>
            {
                if (m.Kind == LiveEventKinds.JobEnqueued && m.EntityId is { } id)
                {
                    liveDeliveries.Received(id, i);
                }
            });
            return connection;
        }, c => c.InvokeAsync("SubscribeQueues", cancellationToken), cancellationToken);
        var withLive = ProcessMemory.Settled();
        var tickRss = (withTick.Rss - before.Rss) / (double)n;
        var liveRss = (withLive.Rss - withTick.Rss) / (double)n;
        Console.WriteLine(ScenarioSetup.F(
            $"Memory per connection: reference hub {tickRss / 1024:0.0} KB RSS ({(withTick.Heap - before.Heap) / 1024.0 / n:0.0} KB heap); /hubs/live {liveRss / 1024:0.0} KB RSS ({(withLive.Heap - withTick.Heap) / 1024.0 / n:0.0} KB heap)"));

        try
        {
            Console.WriteLine("Warm-up…");
            await TickLegAsync(tick, tickDeliveries, 5, cancellationToken);
            await LiveLegAsync(api, liveDeliveries, 5, cancellationToken);

            var ratios = new List<double>();
            var tickAll = new List<double>();
            var liveAll = new List<double>();
            var missed = 0;
            for (var pair = 1; pair <= options.Pairs; pair++)
            {
                var reference = await TickLegAsync(tick, tickDeliveries, messages, cancellationToken);
                var product = await LiveLegAsync(api, liveDeliveries, messages, cancellationToken);
                var (referenceP95, productP95) = (ProcessMemory.Percentile(reference.Latencies, 0.95), ProcessMemory.Percentile(product.Latencies, 0.95));
                Console.WriteLine(ScenarioSetup.F(
                    $"Pair {pair}: raw broadcast p50 {ProcessMemory.Percentile(reference.Latencies, 0.5):0.0} ms, p95 {referenceP95:0.0} ms ({reference.Missed} missed); /hubs/live p50 {ProcessMemory.Percentile(product.Latencies, 0.5):0.0} ms, p95 {productP95:0.0} ms, p99 {ProcessMemory.Percentile(product.Latencies, 0.99):0.0} ms ({product.Missed} missed); {productP95 / referenceP95:0.00}×"));
                ratios.Add(productP95 / referenceP95);
                tickAll.AddRange(reference.Latencies);
                liveAll.AddRange(product.Latencies);
                missed += product.Missed + reference.Missed;
            }

            var (ratio, min, max) = Ratios.Of(ratios);
            var name = ScenarioSetup.F($"N={n}");
            const string Reference = "raw IHubContext.Clients.All.SendAsync, same N, same process";
            return
            [
                new("S3 live push", name + ": delivery p95, commit → client callback", ProcessMemory.Percentile(liveAll, 0.95), "ms", ratio, min, max,
                    n >= 500 ? P95Target : null, false, Reference),
                new("S3 live push", name + ": p95 ratio to the raw broadcast", ratio, "×", ratio, min, max, RatioTarget, false, Reference),
                new("S3 live push", name + ": delivery p50", ProcessMemory.Percentile(liveAll, 0.50), "ms", null, null, null, null, false, "–"),
                new("S3 live push", name + ": delivery p99", ProcessMemory.Percentile(liveAll, 0.99), "ms", null, null, null, null, false, "–"),
                new("S3 live push", name + ": raw broadcast p95", ProcessMemory.Percentile(tickAll, 0.95), "ms", null, null, null, null, false, "–"),
                new("S3 live push", name + ": missed messages (both hubs)", missed, "messages", null, null, null, 0, false, "every client, every message"),
                new("S3 live push", name + ": RSS per connection (client and server, one process)", liveRss / 1024, "KB", liveRss / tickRss, null, null, null, false,
                    ScenarioSetup.F($"raw hub {tickRss / 1024:0.0} KB")),
                new("S3 live push", name + ": RSS per connection, ratio to the raw hub", liveRss / tickRss, "×", null, null, null, RssRatioTarget, false, "raw hub"),
            ];
        }
        finally
        {
            await Task.WhenAll(tickClients.Concat(liveClients).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>One reference leg: <paramref name="count"/> broadcasts, one at a time, each timed from just before the send.</summary>
    private static async Task<Leg> TickLegAsync(IHubContext<TickHub> tick, Deliveries deliveries, int count, CancellationToken cancellationToken)
    {
        var leg = new Leg();
        for (var i = 0; i < count; i++)
        {
            var id = "tick-" + Guid.NewGuid().ToString("N");
            var message = deliveries.For(id);
            var sent = Stopwatch.GetTimestamp();
            await tick.Clients.All.SendAsync(TickHub.Method, id, TimeProvider.System.GetUtcNow(), cancellationToken);
            await leg.CollectAsync(message, sent);
            await Task.Delay(10, cancellationToken);
        }

        return leg;
    }

    /// <summary>One product leg: <paramref name="count"/> reports, one at a time, each timed from the commit of the job it opens.</summary>
    private async Task<Leg> LiveLegAsync(HttpClient api, Deliveries deliveries, int count, CancellationToken cancellationToken)
    {
        var leg = new Leg();
        for (var i = 0; i < count; i++)
        {
            var jobId = await ReportAsync(api, cancellationToken);
            await leg.CollectAsync(deliveries.For(jobId), commits[jobId].Ticks);
            await Task.Delay(10, cancellationToken);
        }

        return leg;
    }

    /// <summary>Posts a report about a new item and returns the id of the job it opened, once that job has committed.</summary>
    private async Task<string> ReportAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref reportNumber);
        var body = new JsonObject
        {
            ["reporter"] = new JsonObject { ["kind"] = "user", ["id"] = "reporter-1", ["typeId"] = Prefix + "user" },
            ["reportedAt"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["reportedForReason"] = new JsonObject { ["reason"] = "benchmark" },
            ["reportedItem"] = new JsonObject
            {
                ["id"] = "post-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6],
                ["typeId"] = Prefix + "post",
                ["data"] = new JsonObject { ["text"] = "Reported post number " + n.ToString(CultureInfo.InvariantCulture) },
            },
        }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync(new Uri("api/v1/report", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/v1/report answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await enqueued.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Time-to-visible in one real circuit: <c>/review</c> in headless Chromium, from the commit to the pending count changing in the DOM.</summary>
    private async Task<IReadOnlyList<BenchmarkResult>> TimeToVisibleAsync(
        IServiceProvider services, Uri address, CookieContainer cookies, HttpClient api, string organizationId, CancellationToken cancellationToken)
    {
        var count = Math.Max(5, 5 * options.Seconds);
        Console.WriteLine($"Time to visible: one Blazor circuit on /review, {count} reports…");
        await using var browser = await BenchmarkBrowser.LaunchAsync();
        var context = await browser.ContextAsync(address, cookies);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, "review").ToString());
        string queueId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            queueId = await db.ReviewJobs.Where(j => j.OrganizationId == organizationId).Select(j => j.QueueId).FirstAsync(cancellationToken);
        }

        var selector = $"[data-testid='queue-{queueId}'] [data-testid='queue-pending']";
        await page.Locator(selector).WaitForAsync();
        var latencies = new List<double>();
        var missed = 0;
        for (var i = -2; i < count; i++)
        {
            // The first two are a warm-up (the circuit may still be connecting when the page first shows).
            await page.EvaluateAsync(ObserveScript, selector);
            var jobId = await ReportAsync(api, cancellationToken);
            var visibleAt = await page.EvaluateAsync<double>("() => window.__coopVisible");
            if (i < 0)
            {
                continue;
            }

            if (visibleAt < 0)
            {
                missed++;
            }
            else
            {
                latencies.Add(visibleAt - commits[jobId].EpochMs);
            }
        }

        var screenshot = Path.Combine(Path.GetTempPath(), "coop-bench-s3-review.png");
        await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = screenshot });
        await context.CloseAsync();
        Console.WriteLine(ScenarioSetup.F(
            $"Time to visible: p50 {ProcessMemory.Percentile(latencies, 0.5):0.0} ms, p95 {ProcessMemory.Percentile(latencies, 0.95):0.0} ms, max {latencies.DefaultIfEmpty(double.NaN).Max():0.0} ms, {missed} never shown (screenshot {screenshot})"));
        return
        [
            new("S3 live push", "time to visible in a Blazor circuit (/review pending count): p50", ProcessMemory.Percentile(latencies, 0.5), "ms", null, null, null, null, false, "–"),
            new("S3 live push", "time to visible in a Blazor circuit (/review pending count): p95", ProcessMemory.Percentile(latencies, 0.95), "ms", null, null, null, null, false,
                "5 s polling (Coop, Ozone)"),
            new("S3 live push", "time to visible: updates never shown (15 s)", missed, "updates", null, null, null, 0, false, "–"),
        ];
    }

    /// <summary>Stores in <c>window.__coopVisible</c> a promise of the epoch time (ms) at which the element's text next changes (-1 after 15 s).</summary>
    private const string ObserveScript = """
        selector => {
          const text = () => document.querySelector(selector)?.textContent;
          const before = text();
          window.__coopVisible = new Promise(resolve => {
            const observer = new MutationObserver(() => {
              if (text() !== before) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            setTimeout(() => { observer.disconnect(); resolve(-1); }, 15000);
          });
          return before;
        }
        """;

    private static HubConnection Build(Uri url, CookieContainer? cookies) =>
        new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();

    private static async Task<List<HubConnection>> ConnectAsync(
        int n, Func<int, HubConnection> build, Func<HubConnection, Task>? afterStart, CancellationToken cancellationToken)
    {
        var connections = new HubConnection[n];
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var connection = build(i);
                await connection.StartAsync(cancellationToken);
                if (afterStart is not null)
                {
                    await afterStart(connection);
                }

                connections[i] = connection;
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. connections];
    }

    private static double EpochMs(DateTimeOffset utc) => (utc - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    /// <summary>Delivery times of each message id to each of N clients.</summary>
    private sealed class Deliveries(int clients)
    {
        private readonly ConcurrentDictionary<string, Message> messages = new(StringComparer.Ordinal);

        public Message For(string id) => messages.GetOrAdd(id, _ => new Message(clients));

        public void Received(string id, int client) => For(id).Received(client, Stopwatch.GetTimestamp());
    }

    private sealed class Message(int clients)
    {
        private readonly long[] at = new long[clients];
        private int count;

        public TaskCompletionSource All { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => Volatile.Read(ref count);

        public void Received(int client, long timestamp)
        {
            if (Interlocked.CompareExchange(ref at[client], timestamp, 0) == 0 && Interlocked.Increment(ref count) == at.Length)
            {
                All.TrySetResult();
            }
        }

        public IEnumerable<long> Times => at.Where(t => t != 0);

        public int Clients => at.Length;
    }

    /// <summary>The latencies (ms) and missed deliveries of one leg.</summary>
    private sealed class Leg
    {
        public List<double> Latencies { get; } = [];

        public int Missed { get; private set; }

        public async Task CollectAsync(Message message, long start)
        {
            try
            {
                await message.All.Task.WaitAsync(DeliveryTimeout);
            }
            catch (TimeoutException)
            {
                // Counted below.
            }

            Missed += message.Clients - message.Count;
            Latencies.AddRange(message.Times.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
        }
    }
}

/// <summary>
/// S3's reference: a bare hub with no authorization, groups or application code, mapped at <see cref="Path"/> in the benchmark's host
/// only (through a startup filter, ahead of the console's own pipeline). The benchmark broadcasts to it through
/// <c>IHubContext&lt;TickHub&gt;.Clients.All</c>.
/// </summary>
public sealed class TickHub : Hub
{
    public const string Path = "/benchmark/tick";
    public const string Method = "Tick";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new Mapping());

    private sealed class Mapping : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(c => c.Request.Path.StartsWithSegments(Path, StringComparison.Ordinal), branch =>
            {
                branch.UseRouting();
                branch.UseEndpoints(endpoints => endpoints.MapHub<TickHub>(Path));
            });
            next(app);
        };
    }
}
