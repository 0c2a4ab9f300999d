using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Benchmarks.Harness;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S4, Blazor circuit cost: N reviewer sessions (<c>--circuits</c>; 25, 50, 100, or 25 in short mode), one headless Chromium context
/// each (one Chromium process), each a different signed-in moderator on the console's work page (<c>/review/queues/{id}/work</c>: a
/// claimed job with its real item loaded), against the same number of sessions on the Counter page of the .NET 10 Blazor Web App
/// template (Interactive Server; <c>Coop.Benchmarks/Template</c>, run as a child process) measured the same way in the same run.
/// Per N and app: one warm session stays open; baseline memory; N sessions open (each waits until its circuit's WebSocket carries
/// render batches); idle <c>--idle</c> seconds; memory again: bytes per circuit = Δ(RSS after a full GC) / N, and Δ GC heap / N. Then
/// every session acts once every 5 s (staggered) for 10 s (short) or 60 s: the console's reviewers press Skip (the next job is claimed
/// and shown), the template's press "Click me"; click-to-render is timed in the page, from the click to the MutationObserver seeing
/// the watched text change (the DOM update, before paint). The console's event-handler durations come from the .NET 10 Components
/// meter in this process. Finally every tab closes and, after the disconnected-circuit retention (<c>--retention</c>, given to both
/// servers) plus 5 s, memory is read again against the baseline.
/// </summary>
public sealed class CircuitsScenario(BenchmarkOptions options) : IScenario
{
    private const double BytesRatioTarget = 4;
    private const double BytesTarget = 1024 * 1024;
    private const double EventP95Target = 100;
    private const double ClickP95Target = 200;
    private const double RetainedTarget = 0.10;
    private const string Prefix = "s4-";
    private static readonly TimeSpan ActionInterval = TimeSpan.FromSeconds(5);

    /// <summary>Clicks <c>button</c> and resolves with the ms until <c>watch</c>'s text changes (-1 after 15 s, -2 when there is no button).</summary>
    private const string ActionScript = """
        ([button, watch]) => new Promise(resolve => {
          const target = document.querySelector(button);
          if (!target || target.disabled) { resolve(-2); return; }
          const text = () => document.querySelector(watch)?.textContent;
          const before = text();
          let start = 0;
          const observer = new MutationObserver(() => {
            if (text() !== before) { observer.disconnect(); resolve(performance.now() - start); }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => { observer.disconnect(); resolve(-1); }, 15000);
          start = performance.now();
          target.click();
        })
        """;

    private TimeSpan ActiveTime => TimeSpan.FromSeconds(options.Short ? 10 : 60);

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        var retention = TimeSpan.FromSeconds(options.RetentionSeconds);
        using var meter = new ComponentsMeter();
        await using var host = new BenchmarkHost(options, configureServices: s => s.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = retention));
        host.UseKestrel(0);
        host.StartServer();
        var services = host.Services;
        var address = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/') + "/");

        var most = options.Circuits.Max();
        var actionsEach = (int)(ActiveTime / ActionInterval) + 1;
        // Skipped jobs go back to the queue (for the others), so a few per session plus each one's skips is enough.
        var jobs = (most * 2) + (actionsEach * 4) + 20;
        Console.WriteLine($"Seeding: {most + 1} moderators, {jobs} reported items in one queue…");
        var (organizationId, apiKey) = await ScenarioSetup.OrganizationAsync(services, "Circuits", Prefix, cancellationToken);
        // One more reviewer than sessions: session N (the warm one) is always someone the N measured sessions are not.
        var reviewers = await ScenarioSetup.ReviewersAsync(services, organizationId, "circuits.example", most + 1, cancellationToken);
        var queueId = await ReportAsync(services, address, apiKey, organizationId, jobs, cancellationToken);
        var sessions = new System.Net.CookieContainer[most + 1];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(reviewers.Select(async (r, i) =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    sessions[i] = await SignIn.CookiesAsync(address, r.Email, ScenarioSetup.Password, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await using var template = await TemplateApp.StartAsync(retention, cancellationToken);
        await using var browser = await BenchmarkBrowser.LaunchAsync();
        Console.WriteLine($"Template (Counter) at {template.Address}; console at {address}. Chromium {browser.Browser.Version}.");

        var results = new List<BenchmarkResult>();
        foreach (var n in options.Circuits)
        {
            // The template first, then the console, for each N (same browser, same machine, same minutes).
            var reference = await MeasureAsync(
                "template", n, browser, i => (template.Address, null, "counter"), "button.btn-primary", "p[role=status]", template.MemoryAsync, null, cancellationToken);
            var product = await MeasureAsync(
                "console", n, browser, i => (address, sessions[i], $"review/queues/{queueId}/work"), "[data-testid=work-skip]",
                "[data-testid=job-title]", () => Task.FromResult(ProcessMemory.Settled()), meter, cancellationToken);
            var ratio = product.BytesPerCircuit / reference.BytesPerCircuit;
            var name = ScenarioSetup.F($"N={n}");
            var atFifty = n == 50 || options.Circuits.Count == 1;
            results.AddRange(
            [
                new("S4 circuits", name + ": bytes per circuit (Δ RSS after full GC / N)", product.BytesPerCircuit / 1024, "KB", ratio, ratio, ratio, BytesTarget / 1024, false,
                    ScenarioSetup.F($"template {reference.BytesPerCircuit / 1024:0} KB")),
                new("S4 circuits", name + ": bytes per circuit, ratio to the template", ratio, "×", ratio, ratio, ratio, BytesRatioTarget, false, "Blazor Web App template, Counter"),
                new("S4 circuits", name + ": Δ GC heap per circuit", product.HeapPerCircuit / 1024, "KB", null, null, null, null, false,
                    ScenarioSetup.F($"template {reference.HeapPerCircuit / 1024:0} KB")),
                new("S4 circuits", name + ": event-handler p95 (Components meter)", product.EventP95, "ms", null, null, null, atFifty ? EventP95Target : null, false, "–"),
                new("S4 circuits", name + ": click-to-render p95 (Skip → next job shown)", product.ClickP95, "ms", null, null, null, atFifty ? ClickP95Target : null, false,
                    ScenarioSetup.F($"template Counter click {reference.ClickP95:0} ms")),
                new("S4 circuits", name + ": actions that did not render (15 s)", product.Failed, "actions", null, null, null, 0, false,
                    ScenarioSetup.F($"of {product.Actions}")),
                new("S4 circuits", name + ": RSS after tabs closed + retention, over baseline", product.Retained * 100, "%", null, null, null, RetainedTarget * 100, false,
                    ScenarioSetup.F($"template {reference.Retained * 100:0.0} %")),
            ]);
        }

        return results;
    }

    private async Task<Measured> MeasureAsync(
        string app, int n, BenchmarkBrowser browser, Func<int, (Uri Address, System.Net.CookieContainer? Cookies, string Path)> session, string button, string watch,
        Func<Task<(long Rss, long Heap)>> memory, ComponentsMeter? meter, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{app}, N = {n}: a warm session, then {n} sessions…");
        var warm = await OpenAsync(browser, session(n), watch);
        await Task.Delay(1_000, cancellationToken);
        var baseline = await memory();
        var contexts = new IBrowserContext[n];
        var pages = new IPage[n];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    (contexts[i], pages[i]) = await OpenAsync(browser, session(i), watch);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine($"{app}: {n} circuits up; idle {options.IdleSeconds} s…");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
        var loaded = await memory();
        var bytes = (loaded.Rss - baseline.Rss) / (double)n;
        var heap = (loaded.Heap - baseline.Heap) / (double)n;
        Console.WriteLine(ScenarioSetup.F(
            $"{app}: RSS {baseline.Rss / 1048576.0:0.0} → {loaded.Rss / 1048576.0:0.0} MB ({bytes / 1024:0} KB per circuit), GC heap {baseline.Heap / 1048576.0:0.0} → {loaded.Heap / 1048576.0:0.0} MB ({heap / 1024:0} KB per circuit)"));

        meter?.Reset();
        Console.WriteLine($"{app}: one action per session every {ActionInterval.TotalSeconds:0} s for {ActiveTime.TotalSeconds:0} s…");
        var clicks = new List<double>();
        var failed = 0;
        var actions = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(pages.Select(async (page, i) =>
        {
            await Task.Delay(ActionInterval * i / n, cancellationToken);
            while (until.Elapsed < ActiveTime)
            {
                var started = Stopwatch.GetTimestamp();
                var ms = await page.EvaluateAsync<double>(ActionScript, new[] { button, watch });
                lock (clicks)
                {
                    actions++;
                    if (ms >= 0)
                    {
                        clicks.Add(ms);
                    }
                    else
                    {
                        failed++;
                    }
                }

                var rest = ActionInterval - Stopwatch.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken);
                }
            }
        }));
        var eventP95 = meter?.EventP95() ?? double.NaN;
        var clickP95 = ProcessMemory.Percentile(clicks, 0.95);
        Console.WriteLine(ScenarioSetup.F(
            $"{app}: {actions} actions, click-to-render p50 {ProcessMemory.Percentile(clicks, 0.5):0} ms, p95 {clickP95:0} ms, {failed} without a render; event handler p95 {eventP95:0.0} ms ({meter?.Describe() ?? "not measured"})"));

        var screenshot = Path.Combine(Path.GetTempPath(), $"coop-bench-s4-{app}-{n}.png");
        await pages[^1].ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        await Task.WhenAll(contexts.Append(warm.Context).Select(c => c.CloseAsync()));
        Console.WriteLine($"{app}: tabs closed (screenshot {screenshot}); waiting out the retention ({options.RetentionSeconds} s) + 5 s…");
        await Task.Delay(TimeSpan.FromSeconds(options.RetentionSeconds + 5), cancellationToken);
        var after = await memory();
        var retained = (after.Rss - baseline.Rss) / (double)baseline.Rss;
        Console.WriteLine(ScenarioSetup.F($"{app}: RSS after close {after.Rss / 1048576.0:0.0} MB ({retained:+0.0%;-0.0%} against the baseline){meter?.CircuitsNow() ?? string.Empty}"));
        return new Measured(bytes, heap, eventP95, clickP95, failed, actions, retained);
    }

    /// <summary>Opens one session and waits until its circuit is up (render batches arrived over <c>/_blazor</c>) and <paramref name="watch"/> shows.</summary>
    private static async Task<(IBrowserContext Context, IPage Page)> OpenAsync(
        BenchmarkBrowser browser, (Uri Address, System.Net.CookieContainer? Cookies, string Path) session, string watch)
    {
        var context = await browser.ContextAsync(session.Address, session.Cookies);
        var page = await context.NewPageAsync();
        var frames = 0;
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, _) => Interlocked.Increment(ref frames);
            }
        };
        await page.GotoAsync(new Uri(session.Address, session.Path).ToString());
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref frames) < 2)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"No circuit on {session.Path} after 60 s.");
            }

            await Task.Delay(50);
        }

        await page.Locator(watch).First.WaitForAsync();
        await Task.Delay(200);
        return (context, page);
    }

    /// <summary>Posts <paramref name="count"/> reports (4 at a time) and waits until all are routed; returns the queue they went to.</summary>
    private static async Task<string> ReportAsync(
        IServiceProvider services, Uri address, string apiKey, string organizationId, int count, CancellationToken cancellationToken)
    {
        using var api = LoadGenerator.Client(address, 4);
        api.DefaultRequestHeaders.Add("X-API-KEY", apiKey);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= count)
            {
                var body = new JsonObject
                {
                    ["reporter"] = new JsonObject { ["kind"] = "user", ["id"] = "reporter-1", ["typeId"] = Prefix + "user" },
                    ["reportedAt"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["reportedForReason"] = new JsonObject { ["reason"] = "benchmark" },
                    ["reportedItem"] = new JsonObject
                    {
                        ["id"] = "post-" + n.ToString(CultureInfo.InvariantCulture),
                        ["typeId"] = Prefix + "post",
                        ["data"] = new JsonObject
                        {
                            ["text"] = $"Post {n}: an ordinary reported post with a sentence or two of text, as a reviewer would see it.",
                            ["score"] = n % 100,
                            ["author"] = new JsonObject { ["id"] = "author-" + (n % 50).ToString(CultureInfo.InvariantCulture), ["typeId"] = Prefix + "user" },
                        },
                    },
                }.ToJsonString();
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await api.PostAsync(new Uri("api/v1/report", UriKind.Relative), content, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/v1/report answered {(int)response.StatusCode}.");
                }
            }
        }));

        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var open = await db.ReviewJobs.Where(j => j.OrganizationId == organizationId && j.Status == JobStatus.Open).CountAsync(cancellationToken);
            if (open >= count)
            {
                return await db.ReviewJobs.Where(j => j.OrganizationId == organizationId).Select(j => j.QueueId).FirstAsync(cancellationToken);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"Only {open} of {count} reports were routed after 2 minutes.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private sealed record Measured(double BytesPerCircuit, double HeapPerCircuit, double EventP95, double ClickP95, int Failed, int Actions, double Retained);

    /// <summary>
    /// The .NET 10 Components meters of this process: event-handler durations (<c>aspnetcore.components.handle_event.duration</c>)
    /// and the circuit counters (<c>aspnetcore.components.circuit.*</c>, summed: the circuits open now).
    /// </summary>
    private sealed class ComponentsMeter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<double> events = [];
        private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public ComponentsMeter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                if (instrument.Name == "aspnetcore.components.handle_event.duration")
                {
                    lock (events)
                    {
                        seen.Add(instrument.Name);
                        events.Add(instrument.Unit == "s" ? value * 1000 : value);
                    }
                }
            });
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name.Contains("circuit", StringComparison.OrdinalIgnoreCase))
                {
                    lock (counters)
                    {
                        counters[instrument.Name] = counters.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            });
            listener.Start();
        }

        public void Reset()
        {
            lock (events)
            {
                events.Clear();
            }
        }

        public double EventP95()
        {
            lock (events)
            {
                return ProcessMemory.Percentile(events, 0.95);
            }
        }

        public string Describe()
        {
            lock (events)
            {
                return seen.Count == 0 ? "no event-handler instrument reported" : $"{events.Count} events from {string.Join(", ", seen)}";
            }
        }

        public string CircuitsNow()
        {
            lock (counters)
            {
                return counters.Count == 0 ? string.Empty : "; " + string.Join(", ", counters.Select(kv => $"{kv.Key} {kv.Value}"));
            }
        }

        public void Dispose() => listener.Dispose();
    }

    /// <summary>The template app (<c>Coop.Benchmarks.Template</c>, built next to this project), started as a child process on a free port.</summary>
    private sealed class TemplateApp : IAsyncDisposable
    {
        private readonly Process process;
        private readonly HttpClient client;
        private readonly StringBuilder output = new();

        private TemplateApp(Process process, Uri address)
        {
            this.process = process;
            Address = address;
            client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        }

        public Uri Address { get; }

        public static async Task<TemplateApp> StartAsync(TimeSpan retention, CancellationToken cancellationToken)
        {
            var pivot = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Coop.Benchmarks.Template", pivot));
            var dll = Path.Combine(directory, "Coop.Benchmarks.Template.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"The template app is not built at {dll}.");
            }

            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var address = new Uri($"http://127.0.0.1:{port}/");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = directory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { dll, "--urls", address.ToString().TrimEnd('/'), "--Benchmark:CircuitRetention", retention.ToString("c", CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var app = new TemplateApp(Process.Start(start)!, address);
            app.process.OutputDataReceived += (_, e) => app.Log(e.Data);
            app.process.ErrorDataReceived += (_, e) => app.Log(e.Data);
            app.process.BeginOutputReadLine();
            app.process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var response = await app.client.GetAsync(new Uri("counter", UriKind.Relative), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException) when (!app.process.HasExited)
                {
                    // Still starting.
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(60) || app.process.HasExited)
                {
                    var log = app.output.ToString();
                    await app.DisposeAsync();
                    throw new InvalidOperationException($"The template app did not start: {log}");
                }

                await Task.Delay(200, cancellationToken);
            }
        }

        /// <summary>The child's RSS and managed heap after a full, compacting collection (its <c>/_benchmark/memory</c> endpoint).</summary>
        public async Task<(long Rss, long Heap)> MemoryAsync()
        {
            var figures = await client.GetFromJsonAsync<JsonObject>(new Uri("_benchmark/memory", UriKind.Relative));
            return ((long)figures!["rss"]!, (long)figures["heap"]!);
        }

        private void Log(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
