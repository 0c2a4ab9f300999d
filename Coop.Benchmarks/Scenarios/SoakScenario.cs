using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Benchmarks.Harness;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Coop.Web.Features.Dashboards;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S8, mixed soak (and issue 12's bounded load test): for <c>--minutes</c> (3; 30 is the full soak) the hosted product takes
/// open-loop ingestion over loopback HTTP (single ~1 KB items to <c>POST /api/v1/items/async/</c>) at <c>--rate</c> items/s, or
/// at 20% of a maximum measured first with <c>--concurrency</c> closed-loop clients; 20 reviewers each claim and decide (Ignore,
/// with its callback to a loopback receiver) one job every 3.6 s through the real use cases; a lead's dashboards (overview and
/// day charts) refresh every 5 s; the dashboard roll-up job (hourly in production) runs every 5 minutes (every minute below 15
/// minutes). Every 10 s it samples RSS, GC heap, and the SQLite WAL and database file sizes. It compares the first window
/// (5 minutes; a third of the run when shorter than 15 minutes) with the last: p99 drift, RSS growth after the warm-up
/// window, WAL bound, and counts errors. The load generator runs in the same process, so RSS includes it (a constant share).
/// </summary>
public sealed class SoakScenario(BenchmarkOptions options) : IScenario
{
    private const string Prefix = "s8-";
    private const int Reviewers = 20;
    private const double DecisionSeconds = 3.6;
    private const double DriftTarget = 1.2;
    private const double RssGrowthTarget = 5;
    private const double WalTargetMb = 64;
    private const int MaxInFlight = 256;

    /// <summary>Sends due but not yet answered beyond which the generator gives up on one (counted as an error): 15 s of a 272/s backlog.</summary>
    private const int MaxOutstanding = 4096;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DashboardEvery = TimeSpan.FromSeconds(5);

    /// <summary>About 1 KB of text.</summary>
    private static readonly string Text = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 38));

    private readonly ConcurrentDictionary<(string Kind, int Minute), ConcurrentBag<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> errorSamples = new();
    private readonly List<Sample> samples = [];
    private readonly Stopwatch clock = new();
    private long accepted;
    private long decided;

    private sealed record Sample(double Minutes, double RssMb, double HeapMb, double WalMb, double DbMb, int Gen2);

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromMinutes(options.Minutes);
        var window = options.Minutes >= 15 ? 5 : Math.Max(1, options.Minutes / 3);
        var rollupEvery = TimeSpan.FromMinutes(options.Minutes >= 15 ? 5 : 1);

        await using var hook = await EchoServer.StartAsync();
        await using var host = new BenchmarkHost(options, new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        host.UseKestrel(0);
        host.StartServer();
        var services = host.Services;
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var (organizationId, apiKey) = await ScenarioSetup.OrganizationAsync(services, "Soak", Prefix, cancellationToken);
        var reviewers = await ScenarioSetup.ReviewersAsync(services, organizationId, "soak.example", Reviewers, cancellationToken);
        var lead = await LeadAsync(services, organizationId, cancellationToken);
        var queue = await ScenarioSetup.QueueAsync(services, organizationId, "Soak", cancellationToken);
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var settings = ReviewSettings.DefaultsFor(organizationId);
            settings.SetCallbacks(new Uri(hook.BaseAddress, "hook").ToString(), null);
            db.ReviewSettings.Add(settings);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Enough open jobs for every reviewer's pace over the whole run, with a fifth to spare.
        var jobs = (int)(options.Minutes * 60 / DecisionSeconds * Reviewers * 1.2) + 100;
        await ScenarioSetup.OpenJobsAsync(services, organizationId, queue, Prefix + "post", "q", jobs, null, cancellationToken);
        var (walPath, dbPath) = await DatabaseFilesAsync(factory, cancellationToken);

        using var client = LoadGenerator.Client(new Uri(address.TrimEnd('/') + "/"), MaxInFlight);
        client.DefaultRequestHeaders.Add("X-API-KEY", apiKey);
        double rate;
        if (options.Rate is { } given)
        {
            rate = given;
            Console.WriteLine($"Ingestion at the given {rate:0} items/s.");
        }
        else
        {
            var seconds = Math.Min(10, options.Seconds);
            var maximum = await LoadGenerator.RunAsync(options.Concurrency, TimeSpan.FromSeconds(seconds), async (_, n) =>
            {
                using var content = new StringContent(Body("max-", n), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("api/v1/items/async/", UriKind.Relative), content, cancellationToken);
                return response.StatusCode == System.Net.HttpStatusCode.Accepted;
            }, cancellationToken);
            accepted += maximum.Completed;
            rate = Math.Max(1, Math.Round(maximum.Rate * 0.2));
            Console.WriteLine($"Measured maximum {maximum.Rate:0} items/s (c={options.Concurrency}, {seconds} s); soaking at 20%: {rate:0} items/s.");

            // The soak starts once the background processor has caught up with the burst (its backlog is not the soak's load).
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                if (!await db.Set<ItemSubmission>().AnyAsync(i => i.OrganizationId == organizationId && i.ProcessedAt == null, cancellationToken))
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }
        }

        Console.WriteLine($"Soak: {options.Minutes} min, {Reviewers} reviewers at 1 decision / {DecisionSeconds} s, dashboards every {DashboardEvery.TotalSeconds:0} s, " +
            $"roll-up every {rollupEvery.TotalMinutes:0} min; windows of {window} min; {jobs:N0} jobs seeded.");
        Console.WriteLine("minute | items | ingest p99 ms | review p99 ms | dashboard p99 ms | errors | RSS MB | GC heap MB | WAL MB | DB MB");
        Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        clock.Start();
        var rollup = ActivatorUtilities.CreateInstance<DashboardRollupJob>(services);
        var load = new List<Task>
        {
            IngestAsync(client, rate, duration, cancellationToken),
            DashboardsAsync(services, lead, duration, cancellationToken),
            RollupsAsync(rollup, rollupEvery, duration, cancellationToken),
        };
        load.AddRange(reviewers.Select((reviewer, i) => ReviewAsync(services, reviewer, queue, TimeSpan.FromSeconds(DecisionSeconds * i / Reviewers), duration, cancellationToken)));
        var sampling = SampleAsync(walPath, dbPath, duration, cancellationToken);
        await Task.WhenAll(load);
        await sampling;
        Collect();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        long stored;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            stored = await db.Set<ItemSubmission>().LongCountAsync(s => s.OrganizationId == organizationId, cancellationToken);
        }

        return Results(rate, window, accepted, stored, heapBefore, heapAfter, walPath is not null, hook.HooksReceived);
    }

    private List<BenchmarkResult> Results(double rate, int window, long acceptedItems, long stored, long heapBefore, long heapAfter, bool sqlite, long hooks)
    {
        var minutes = options.Minutes;
        double P99(string kind, int from, int to)
        {
            var all = Enumerable.Range(from, to - from).SelectMany(m => latencies.TryGetValue((kind, m), out var bag) ? bag : []).ToList();
            return new LoadResult(all.Count, 0, TimeSpan.FromSeconds(1), all).P99;
        }

        var ingestFirst = P99("ingest", 0, window);
        var ingestLast = P99("ingest", minutes - window, minutes);
        var reviewFirst = P99("review", 0, window);
        var reviewLast = P99("review", minutes - window, minutes);
        var afterWarmUp = samples.Where(s => s.Minutes >= window).ToList();
        var baseline = Median(afterWarmUp.Where(s => s.Minutes < 2 * window).Select(s => s.RssMb));
        var final = Median(afterWarmUp.Where(s => s.Minutes >= minutes - window).Select(s => s.RssMb));
        var growth = (final / baseline - 1) * 100;
        var slope = Slope(afterWarmUp.Select(s => (s.Minutes, s.RssMb)).ToList());
        var heapSlope = Slope(afterWarmUp.Select(s => (s.Minutes, s.HeapMb)).ToList());
        var errorCount = errors.Values.Sum();
        if (errorCount > 0)
        {
            Console.WriteLine("Errors: " + string.Join(", ", errors.Select(e => $"{e.Key} {e.Value}")) + "; e.g. " + string.Join(" | ", errorSamples.Take(3)));
        }

        Console.WriteLine(ScenarioSetup.F($"Accepted {acceptedItems:N0} items (202), {stored:N0} stored; {Interlocked.Read(ref decided):N0} decisions, {hooks:N0} callbacks delivered."));
        var name = ScenarioSetup.F($"{rate:0} items/s, {Reviewers} reviewers, {minutes} min");
        var windows = ScenarioSetup.F($"last {window} min / first {window} min");
        var results = new List<BenchmarkResult>
        {
            new("S8 soak", name + ": ingestion p99 drift, " + windows, ingestLast / ingestFirst, "×", null, null, null, DriftTarget, false,
                ScenarioSetup.F($"first window p99 {ingestFirst:0.0} ms → last {ingestLast:0.0} ms")),
            new("S8 soak", name + ": review (claim + decide) p99 drift, " + windows, reviewLast / reviewFirst, "×", null, null, null, DriftTarget, false,
                ScenarioSetup.F($"first window p99 {reviewFirst:0.0} ms → last {reviewLast:0.0} ms")),
            new("S8 soak", name + ": ingestion acknowledgement p99, last window", ingestLast, "ms", null, null, null, null, false, "–"),
            new("S8 soak", name + ": dashboard refresh p99", P99("dashboard", 0, minutes), "ms", null, null, null, null, false, "overview + day charts"),
            new("S8 soak", name + ": RSS growth after the warm-up window", growth, "%", null, null, null, RssGrowthTarget, false,
                ScenarioSetup.F($"median RSS {baseline:0} MB in the window after warm-up → {final:0} MB in the last")),
            new("S8 soak", name + ": RSS slope after warm-up", slope, "MB/min", null, null, null, null, false, "least squares over 10 s samples"),
            new("S8 soak", name + ": GC heap slope after warm-up", heapSlope, "MB/min", null, null, null, null, false,
                ScenarioSetup.F($"after a full GC: {heapBefore / 1048576.0:0} MB before → {heapAfter / 1048576.0:0} MB after the soak")),
            new("S8 soak", name + ": errors", errorCount, "errors", null, null, null, 0, false, "failed requests, claims, decisions, refreshes, job runs"),
            new("S8 soak", "accepted items missing from the database", acceptedItems - stored, "items", null, null, null, 0, false, "count of rows after the run"),
        };
        if (sqlite)
        {
            var dbFirst = samples.Count == 0 ? 0 : samples[0].DbMb;
            var dbLast = samples.Count == 0 ? 0 : samples[^1].DbMb;
            results.Add(new("S8 soak", name + ": SQLite WAL file, largest sample", samples.Max(s => s.WalMb), "MB", null, null, null, WalTargetMb, false,
                ScenarioSetup.F($"checkpoints keep up; {samples[^1].WalMb:0.0} MB at the end")));
            results.Add(new("S8 soak", name + ": database file growth", (dbLast - dbFirst) / minutes, "MB/min", null, null, null, null, false,
                ScenarioSetup.F($"{dbFirst:0} → {dbLast:0} MB; {(dbLast - dbFirst) * 1048576 / Math.Max(1, acceptedItems):0} bytes per accepted item")));
        }

        // JSON has no NaN or infinity: a figure that could not be measured (no samples in a window) is written as the largest
        // number, which fails any upper-bound target, and says so.
        return [.. results.Select(r => double.IsFinite(r.Value) ? r : r with { Value = double.MaxValue, Reference = "not measured: " + r.Reference })];
    }

    /// <summary>
    /// Open loop: requests are due on schedule whatever the answers do. At most <see cref="MaxInFlight"/> are on the wire; the
    /// rest wait for a connection, and each one's latency runs from when it was due, so a stall shows as latency (no coordinated
    /// omission) rather than as dropped sends. Beyond <see cref="MaxOutstanding"/> waiting a send counts as an error.
    /// </summary>
    private async Task IngestAsync(HttpClient client, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(MaxOutstanding);
        var running = new ConcurrentDictionary<int, Task>();
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (sent < due)
            {
                var n = ++sent;
                if (!slots.Wait(0, CancellationToken.None))
                {
                    Error($"ingest: more than {MaxOutstanding} requests outstanding", null);
                    continue;
                }

                running[n] = SendAsync(n, Stopwatch.GetTimestamp());
            }

            await Task.Delay(5, cancellationToken);
        }

        await Task.WhenAll(running.Values);

        async Task SendAsync(int n, long started)
        {
            await Task.Yield();
            try
            {
                using var content = new StringContent(Body("soak-", n), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("api/v1/items/async/", UriKind.Relative), content, cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                    Record("ingest", started);
                }
                else
                {
                    Error("ingest", $"HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Error("ingest", ex.Message);
            }
            finally
            {
                slots.Release();
                running.TryRemove(n, out _);
            }
        }
    }

    /// <summary>One reviewer at the extreme human pace: claim the next job and decide it (Ignore) every 3.6 s.</summary>
    private async Task ReviewAsync(IServiceProvider services, Reviewer reviewer, string queue, TimeSpan offset, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = offset;
        while (true)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            if (clock.Elapsed >= duration)
            {
                return;
            }

            next += TimeSpan.FromSeconds(DecisionSeconds);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var job = await ScenarioSetup.AsAsync(services, reviewer, sp =>
                    sp.GetRequiredService<ICommandHandler<ClaimNextJobCommand, ClaimedJob?>>().HandleAsync(new ClaimNextJobCommand(queue), cancellationToken));
                if (job is null)
                {
                    Error("review: queue empty", null);
                    continue;
                }

                await ScenarioSetup.AsAsync(services, reviewer, sp =>
                    sp.GetRequiredService<ICommandHandler<SubmitDecisionCommand, DecisionOutcome>>()
                        .HandleAsync(new SubmitDecisionCommand(job.JobId, DecisionKind.Ignore, Reason: "soak"), cancellationToken));
                Interlocked.Increment(ref decided);
                Record("review", started);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Error("review", ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    /// <summary>A lead's dashboard open on a wall: the overview and the day's charts, every 5 s.</summary>
    private async Task DashboardsAsync(IServiceProvider services, Reviewer lead, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ScenarioSetup.AsAsync(services, lead, sp => sp.GetRequiredService<IQueryHandler<GetDashboardOverviewQuery, DashboardOverview>>()
                    .HandleAsync(new GetDashboardOverviewQuery(), cancellationToken));
                await ScenarioSetup.AsAsync(services, lead, sp => sp.GetRequiredService<IQueryHandler<GetDashboardChartsQuery, DashboardCharts>>()
                    .HandleAsync(new GetDashboardChartsQuery(ChartWindow.Day, "UTC"), cancellationToken));
                Record("dashboard", started);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Error("dashboard", ex.GetType().Name + ": " + ex.Message);
            }

            next += DashboardEvery;
            var wait = (next < duration ? next : duration) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    /// <summary>The dashboard roll-up job's whole run (what Quartz fires hourly), shortened to every few minutes.</summary>
    private async Task RollupsAsync(DashboardRollupJob job, TimeSpan every, TimeSpan duration, CancellationToken cancellationToken)
    {
        for (var next = every; next < duration; next += every)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var cells = await job.RunAsync(cancellationToken);
                Record("rollup", started);
                Console.WriteLine(ScenarioSetup.F($"  roll-up job at {clock.Elapsed.TotalMinutes:0.0} min: {cells:N0} cells in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Error("rollup", ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    /// <summary>
    /// Every 10 s: RSS, GC heap, WAL and database sizes; and one line per completed minute. On its own thread, so a starved
    /// thread pool (SQLite's synchronous I/O under load) does not skip samples.
    /// </summary>
    private Task SampleAsync(string? walPath, string? dbPath, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            var printed = 0;
            for (var next = TimeSpan.Zero; next <= duration && !cancellationToken.IsCancellationRequested; next += SampleEvery)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }

                using var process = Process.GetCurrentProcess();
                var sample = new Sample(clock.Elapsed.TotalMinutes, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0,
                    FileMb(walPath), FileMb(dbPath), GC.CollectionCount(2));
                lock (samples)
                {
                    samples.Add(sample);
                }

                while (printed < (int)sample.Minutes)
                {
                    PrintMinute(printed++, sample);
                }
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void PrintMinute(int minute, Sample sample)
    {
        double P99(string kind) => latencies.TryGetValue((kind, minute), out var bag) ? new LoadResult(bag.Count, 0, TimeSpan.FromSeconds(1), [.. bag]).P99 : double.NaN;
        var items = latencies.TryGetValue(("ingest", minute), out var ingest) ? ingest.Count : 0;
        Console.WriteLine(ScenarioSetup.F(
            $"{minute + 1,6} | {items,5} | {P99("ingest"),13:0.0} | {P99("review"),13:0.0} | {P99("dashboard"),16:0.0} | {errors.Values.Sum(),6} | {sample.RssMb,6:0} | {sample.HeapMb,10:0} | {sample.WalMb,6:0.0} | {sample.DbMb,5:0}"));
    }

    private void Record(string kind, long started) =>
        latencies.GetOrAdd((kind, (int)clock.Elapsed.TotalMinutes), _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private void Error(string kind, string? detail)
    {
        errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (detail is not null && errorSamples.Count < 10)
        {
            errorSamples.Enqueue(kind + ": " + detail);
        }
    }

    /// <summary>A moderator manager's principal (dashboards need VIEW_MRT_DATA).</summary>
    private static async Task<Reviewer> LeadAsync(IServiceProvider services, string organizationId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        const string email = "lead@soak.example";
        var user = await scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>()
            .CreateUserAsync(organizationId, email, "Benchmark-password-1", null, null, DefaultRoles.ModeratorManager, "benchmark", null, cancellationToken);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>().CreateAsync(user);
        return new Reviewer(user.Id, email, principal);
    }

    /// <summary>The SQLite database file and its WAL (null for the server providers).</summary>
    private static async Task<(string? Wal, string? Db)> DatabaseFilesAsync(IDbContextFactory<CoopDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return (null, null);
        }

        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return (file + "-wal", file);
    }

    private static double FileMb(string? path) => path is not null && File.Exists(path) ? new FileInfo(path).Length / 1048576.0 : 0;

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Least-squares slope of y over x.</summary>
    private static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var denominator = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return denominator == 0 ? double.NaN : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / denominator;
    }

    private static string Body(string prefix, int n) =>
        new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = prefix + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6],
                ["typeId"] = Prefix + "post",
                ["data"] = new JsonObject
                {
                    ["text"] = Text,
                    ["score"] = n % 100,
                    ["author"] = new JsonObject { ["id"] = "u" + (n % 2_000).ToString(CultureInfo.InvariantCulture), ["typeId"] = Prefix + "user" },
                },
            }),
        }.ToJsonString();
}
