using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Coop.Benchmarks.Harness;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Review.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S2, queue claims: N reviewers (<c>--concurrency</c>, 16) each loop "claim the next job, then close it" against a queue
/// pre-filled with open jobs (100,000; 20,000 in short runs). The product path is the real use case
/// (<see cref="ClaimNextJobCommand"/>: permission and queue-access checks, the candidate query, the conditional UPDATE, the
/// Claimed job event, roll-up counters, live events), signed in as each reviewer; the reference is the textbook claim
/// statement of the provider (SQLite <c>UPDATE … WHERE Id = (SELECT … LIMIT 1) RETURNING</c>, PostgreSQL the same with
/// <c>FOR UPDATE SKIP LOCKED</c>, SQL Server <c>UPDATE TOP(1) … WITH (READPAST, UPDLOCK) OUTPUT</c>) through one bare ADO.NET
/// connection per reviewer, on its own identical queue. Closing the claimed job (one raw UPDATE, not timed as claim latency)
/// is the same in both. Every claimed id is recorded: a job claimed twice is a double claim. Then <c>--history</c> closed
/// jobs with their Claimed/Decided events and decisions are added to the product queue and the claim latency is measured
/// again (h = N against h ≈ 0).
/// </summary>
public sealed class ClaimsScenario(BenchmarkOptions options) : IScenario, IDisposable
{
    private readonly EfProfile profile = new();

    public void Dispose() => profile.Dispose();

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = new BenchmarkHost(options);
        var bench = await ClaimBench.SetUpAsync(host.Services, options, "Claims", options.Concurrency, cancellationToken);
        var leg = TimeSpan.FromSeconds(options.Seconds);

        Console.WriteLine("Warm-up…");
        await bench.RawLegAsync(TimeSpan.FromSeconds(1), options.Concurrency, cancellationToken);
        await bench.ProductLegAsync(TimeSpan.FromSeconds(1), options.Concurrency, cancellationToken);

        var ratios = new List<double>();
        var productRuns = new List<ClaimLeg>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            var raw = await bench.RawLegAsync(leg, options.Concurrency, cancellationToken);
            profile.Start();
            var product = await bench.ProductLegAsync(leg, options.Concurrency, cancellationToken);
            profile.StopAndPrint("the product leg (units: claims)", product.Claims, top: 12);
            Console.WriteLine($"Pair {pair}: raw {raw}; product {product} ({product.Rate / raw.Rate:0.00}×)");
            ratios.Add(product.Rate / raw.Rate);
            productRuns.Add(product);
        }

        var before = ClaimLeg.Merge(productRuns);
        Console.WriteLine($"Adding {options.History:N0} claimed-and-decided jobs of history to the product queue…");
        var seeded = Stopwatch.StartNew();
        await bench.AddHistoryAsync(options.History, TimeSpan.FromHours(1), cancellationToken);
        Console.WriteLine($"History added in {seeded.Elapsed.TotalSeconds:0.0} s.");
        var afterRuns = new List<ClaimLeg>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            afterRuns.Add(await bench.ProductLegAsync(leg, options.Concurrency, cancellationToken));
            Console.WriteLine($"After history, run {pair}: product {afterRuns[^1]}");
        }

        var after = ClaimLeg.Merge(afterRuns);
        var doubles = bench.DoubleClaims + await bench.DoubleClaimsInDatabaseAsync(cancellationToken);
        var (ratio, min, max) = Ratios.Of(ratios);
        var n = ScenarioSetup.F($"N={options.Concurrency}");
        return
        [
            new("S2 claims", n + ": claims/s (claim, then close)", before.Rate, "claims/s", ratio, min, max, 250, true, "raw claim SQL, bare ADO.NET, same N"),
            new("S2 claims", n + ": ratio to raw claim SQL", ratio, "×", ratio, min, max, 0.25, true, "raw claim SQL"),
            new("S2 claims", n + ": claim latency p50", before.P50, "ms", null, null, null, null, false, "–"),
            new("S2 claims", n + ": claim latency p99", before.P99, "ms", null, null, null, 25, false, "–"),
            new("S2 claims", ScenarioSetup.F($"claim p99 at h = {options.History:N0} / at h ≈ 0"), after.P99 / before.P99, "×", null, null, null, 1.5, false,
                ScenarioSetup.F($"p99 {before.P99:0.0} → {after.P99:0.0} ms, p50 {before.P50:0.0} → {after.P50:0.0} ms")),
            new("S2 claims", "double claims (in memory and Claimed events per job)", doubles, "claims", null, null, null, 0, false, "–"),
        ];
    }
}

/// <summary>One measured leg of claims: throughput of the claim-then-close loop and the claim latencies alone.</summary>
public sealed record ClaimLeg(int Claims, int Empty, TimeSpan Elapsed, IReadOnlyList<double> Latencies)
{
    public (int Threads, long Queued) ThreadPoolPeak { get; init; }

    public double Rate => Claims / Elapsed.TotalSeconds;

    public double P50 => new LoadResult(Latencies.Count, 0, Elapsed, Latencies).P50;

    public double P99 => new LoadResult(Latencies.Count, 0, Elapsed, Latencies).P99;

    public static ClaimLeg Merge(IReadOnlyList<ClaimLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        return new(legs.Sum(l => l.Claims), legs.Sum(l => l.Empty), TimeSpan.FromTicks(legs.Sum(l => l.Elapsed.Ticks)), [.. legs.SelectMany(l => l.Latencies)]);
    }

    public override string ToString() =>
        ScenarioSetup.F($"{Rate:0} claims/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms{(Empty > 0 ? $", {Empty} found the queue empty" : string.Empty)}, thread pool peak {ThreadPoolPeak.Threads}/{ThreadPoolPeak.Queued} queued");
}

/// <summary>The S2 set-up and legs, shared with S7 (which runs them while a batch job runs).</summary>
public sealed class ClaimBench
{
    private readonly IServiceProvider services;
    private readonly BenchmarkOptions options;
    private readonly string organizationId;
    private readonly string productQueue;
    private readonly string rawQueue;
    private readonly string postType;
    private readonly IReadOnlyList<Reviewer> reviewers;
    private readonly ConcurrentDictionary<string, int> claimed = new(StringComparer.Ordinal);
    private int doubleClaims;

    private ClaimBench(IServiceProvider services, BenchmarkOptions options, string organizationId, string productQueue, string rawQueue, string postType, IReadOnlyList<Reviewer> reviewers)
    {
        this.postType = postType;
        this.services = services;
        this.options = options;
        this.organizationId = organizationId;
        this.productQueue = productQueue;
        this.rawQueue = rawQueue;
        this.reviewers = reviewers;
    }

    public string OrganizationId => organizationId;

    public int DoubleClaims => doubleClaims;

    public static async Task<ClaimBench> SetUpAsync(IServiceProvider services, BenchmarkOptions options, string name, int reviewerCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = name.ToLowerInvariant() + "-";
        var (organizationId, _) = await ScenarioSetup.OrganizationAsync(services, name, prefix, cancellationToken);
        var reviewers = await ScenarioSetup.ReviewersAsync(services, organizationId, name.ToLowerInvariant() + ".example", reviewerCount, cancellationToken);
        var productQueue = await ScenarioSetup.QueueAsync(services, organizationId, "Product", cancellationToken);
        var rawQueue = await ScenarioSetup.QueueAsync(services, organizationId, "Reference", cancellationToken);
        var depth = Math.Max(options.Items, options.Short ? 20_000 : 100_000);
        Console.WriteLine($"Seeding two queues of {depth:N0} open jobs…");
        var clock = Stopwatch.StartNew();
        await ScenarioSetup.OpenJobsAsync(services, organizationId, productQueue, prefix + "post", "p", depth, null, cancellationToken);
        await ScenarioSetup.OpenJobsAsync(services, organizationId, rawQueue, prefix + "post", "r", depth, null, cancellationToken);
        Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:0.0} s.");
        return new ClaimBench(services, options, organizationId, productQueue, rawQueue, prefix + "post", reviewers);
    }

    /// <summary>The product path: <see cref="ClaimNextJobCommand"/> as each reviewer, then the job is closed.</summary>
    public async Task<ClaimLeg> ProductLegAsync(TimeSpan duration, int claimers, CancellationToken cancellationToken)
    {
        var connections = await OpenAsync(claimers, cancellationToken);
        try
        {
            return await LegAsync(duration, claimers, async worker =>
            {
                var started = Stopwatch.GetTimestamp();
                var job = await ScenarioSetup.AsAsync(services, reviewers[worker % reviewers.Count], sp =>
                    sp.GetRequiredService<ICommandHandler<ClaimNextJobCommand, ClaimedJob?>>().HandleAsync(new ClaimNextJobCommand(productQueue), cancellationToken));
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (job is not null)
                {
                    // Through EF, like the product's own writes (on SQLite they take turns at its write gate).
                    var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                    await connections[worker].Context.Database.ExecuteSqlAsync($"""
                        UPDATE "ReviewJobs" SET "Status" = 1, "OpenItemKey" = NULL, "ClaimedByUserId" = NULL, "ClaimExpiresAt" = NULL, "ClosedAt" = {now}
                        WHERE "Id" = {job.JobId}
                        """, cancellationToken);
                }

                return (job?.JobId, latency);
            }, cancellationToken);
        }
        finally
        {
            await CloseAllAsync(connections);
        }
    }

    /// <summary>The reference: the provider's claim statement on a bare connection per reviewer, then the job is closed.</summary>
    public async Task<ClaimLeg> RawLegAsync(TimeSpan duration, int claimers, CancellationToken cancellationToken)
    {
        var connections = await OpenAsync(claimers, cancellationToken);
        try
        {
            var commands = connections.Select(c =>
            {
                var command = c.Connection.CreateCommand();
                command.CommandText = ClaimSql(options.Provider);
                command.Parameter("@queue", rawQueue);
                command.Parameter("@user", null);
                command.Parameter("@now", null);
                command.Parameter("@until", null);
                return command;
            }).ToArray();
            var result = await LegAsync(duration, claimers, async worker =>
            {
                var command = commands[worker];
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                command.Parameters[1].Value = reviewers[worker % reviewers.Count].UserId;
                command.Parameters[2].Value = now;
                command.Parameters[3].Value = now.AddMinutes(10);
                var started = Stopwatch.GetTimestamp();
                var id = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!string.IsNullOrEmpty(id))
                {
                    await CloseAsync(connections[worker].Connection, id, cancellationToken);
                }

                return (string.IsNullOrEmpty(id) ? null : id, latency);
            }, cancellationToken);
            foreach (var command in commands)
            {
                await command.DisposeAsync();
            }

            return result;
        }
        finally
        {
            await CloseAllAsync(connections);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> closed jobs to the product queue, each with its Claimed and Decided events and an Ignore decision
    /// by one of the reviewers, spread over the last <paramref name="span"/> (the history the claim path must not slow down with, and
    /// the source rows the S7 roll-up job reads).
    /// </summary>
    public async Task AddHistoryAsync(int count, TimeSpan span, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var insert = await BulkInserter.OpenAsync(factory, cancellationToken);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        for (var first = 0; first < count; first += 10_000)
        {
            var jobs = new List<ReviewJob>();
            var events = new List<JobEvent>();
            var decisions = new List<ReviewDecision>();
            for (var i = first; i < Math.Min(count, first + 10_000); i++)
            {
                var created = now - span + TimeSpan.FromTicks(span.Ticks * i / count);
                var reviewer = reviewers[i % reviewers.Count];
                var job = ReviewJob.Open(organizationId, productQueue, postType, "h" + i.ToString(CultureInfo.InvariantCulture), JobSource.Report, created);
                job.Claim(reviewer.UserId, created.AddSeconds(30), TimeSpan.FromMinutes(10));
                events.Add(JobEvent.Record(organizationId, job.Id, JobEventKind.Claimed, reviewer.UserId, created.AddSeconds(30)));
                decisions.Add(ReviewDecision.Record(job, DecisionKind.Ignore, reviewer.UserId, reviewer.Email, "[]", "[]", null, created.AddSeconds(75)));
                job.Close(reviewer.UserId, created.AddSeconds(75));
                events.Add(JobEvent.Record(organizationId, job.Id, JobEventKind.Decided, reviewer.UserId, created.AddSeconds(75), detail: "Ignored"));
                jobs.Add(job);
            }

            await insert.BeginAsync(cancellationToken);
            await insert.InsertAsync(jobs, cancellationToken);
            await insert.InsertAsync(events, cancellationToken);
            await insert.InsertAsync(decisions, cancellationToken);
            await insert.CommitAsync(cancellationToken);
        }

        await ScenarioSetup.RefreshStatisticsAsync(services.GetRequiredService<IDbContextFactory<CoopDbContext>>(), cancellationToken);
    }

    /// <summary>Jobs of the product queue with more than one Claimed event (each claimed job is closed at once, so there must be none).</summary>
    public async Task<int> DoubleClaimsInDatabaseAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.JobEvents.Where(e => e.OrganizationId == organizationId && e.Kind == JobEventKind.Claimed)
            .GroupBy(e => e.JobId).Where(g => g.Count() > 1).CountAsync(cancellationToken);
    }

    private async Task<ClaimLeg> LegAsync(TimeSpan duration, int claimers, Func<int, Task<(string? JobId, double Latency)>> claim, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var empty = 0;
        var load = await LoadGenerator.RunAsync(claimers, duration, async (worker, _) =>
        {
            var (jobId, latency) = await claim(worker);
            if (jobId is null)
            {
                Interlocked.Increment(ref empty);
                await Task.Delay(10, cancellationToken);
                return false;
            }

            latencies.Add(latency);
            if (claimed.AddOrUpdate(jobId, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref doubleClaims);
            }

            return true;
        }, cancellationToken);
        return new ClaimLeg(load.Completed, empty, load.Elapsed, [.. latencies]) { ThreadPoolPeak = load.ThreadPoolPeak };
    }

    private static string ClaimSql(string provider) => provider switch
    {
        "postgres" => """
            UPDATE "ReviewJobs" SET "ClaimedByUserId" = @user, "ClaimExpiresAt" = @until
            WHERE "Id" = (SELECT "Id" FROM "ReviewJobs" WHERE "QueueId" = @queue AND "Status" = 0 AND ("ClaimedByUserId" IS NULL OR "ClaimExpiresAt" <= @now)
                          ORDER BY "CreatedAt", "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING "Id"
            """,
        "sqlserver" => """
            WITH next AS (SELECT TOP (1) * FROM "ReviewJobs" WITH (ROWLOCK, READPAST, UPDLOCK)
                          WHERE "QueueId" = @queue AND "Status" = 0 AND ("ClaimedByUserId" IS NULL OR "ClaimExpiresAt" <= @now) ORDER BY "CreatedAt", "Id")
            UPDATE next SET "ClaimedByUserId" = @user, "ClaimExpiresAt" = @until OUTPUT inserted."Id"
            """,
        _ => """
            UPDATE "ReviewJobs" SET "ClaimedByUserId" = @user, "ClaimExpiresAt" = @until
            WHERE "Id" = (SELECT "Id" FROM "ReviewJobs" WHERE "QueueId" = @queue AND "Status" = 0 AND ("ClaimedByUserId" IS NULL OR "ClaimExpiresAt" <= @now)
                          ORDER BY "CreatedAt", "Id" LIMIT 1)
            RETURNING "Id"
            """,
    };

    private static async Task CloseAsync(DbConnection connection, string jobId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE "ReviewJobs" SET "Status" = 1, "OpenItemKey" = NULL, "ClaimedByUserId" = NULL, "ClaimExpiresAt" = NULL, "ClosedAt" = @now
            WHERE "Id" = @id
            """;
        command.Parameter("@now", TimeProvider.System.GetUtcNow().UtcDateTime);
        command.Parameter("@id", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(CoopDbContext Context, DbConnection Connection)[]> OpenAsync(int count, CancellationToken cancellationToken)
    {
        var connections = new (CoopDbContext, DbConnection)[count];
        for (var i = 0; i < count; i++)
        {
            connections[i] = await ScenarioSetup.RawConnectionAsync(services, cancellationToken);
        }

        return connections;
    }

    private static async Task CloseAllAsync((CoopDbContext Context, DbConnection Connection)[] connections)
    {
        foreach (var (context, _) in connections)
        {
            await context.Database.CloseConnectionAsync();
            await context.DisposeAsync();
        }
    }
}
