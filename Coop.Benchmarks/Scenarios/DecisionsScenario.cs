using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Coop.Benchmarks.Harness;
using Coop.Domain.Audit;
using Coop.Domain.Moderation;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S6, decision writes: N reviewers (<c>--concurrency</c>, 16) each submit decisions on jobs they hold. The product path is the
/// real use case (<see cref="SubmitDecisionCommand"/>, an Ignore decision with a reason, as the signed-in reviewer): the checks,
/// then one transaction closing the job (only if still held), the decision row, the Decided job event, roll-up counters, the audit
/// row and the organization's ignore callback in the webhook outbox (delivered by the outbox dispatcher to a loopback receiver),
/// then live events. The reference is a raw transaction on a bare ADO.NET connection per reviewer with the same writes, one
/// command each: the conditional UPDATE of the job and INSERTs of the decision, the job event, the audit row and the outbox
/// row (rows built by the same domain factories, columns from the EF model). Legs of <c>--items</c>/4 decisions alternate.
/// Afterwards: every decided job has exactly one decision and one outbox row (no orphans).
/// </summary>
public sealed class DecisionsScenario(BenchmarkOptions options) : IScenario, IDisposable
{
    private const string Prefix = "s6-";
    private readonly EfProfile profile = new();

    public void Dispose() => profile.Dispose();

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var hook = await EchoServer.StartAsync();
        await using var host = new BenchmarkHost(options, new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var services = host.Services;
        var (organizationId, _) = await ScenarioSetup.OrganizationAsync(services, "Decisions", Prefix, cancellationToken);
        var reviewers = await ScenarioSetup.ReviewersAsync(services, organizationId, "decisions.example", options.Concurrency, cancellationToken);
        var queue = await ScenarioSetup.QueueAsync(services, organizationId, "Decisions", cancellationToken);
        var hookUrl = new Uri(hook.BaseAddress, "hook").ToString();
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var settings = ReviewSettings.DefaultsFor(organizationId);
            settings.SetCallbacks(hookUrl, null);
            db.ReviewSettings.Add(settings);
            await db.SaveChangesAsync(cancellationToken);
        }

        var perLeg = Math.Max(options.Concurrency * 10, options.Items / 4);
        var legs = (options.Pairs + 1) * 2;
        Console.WriteLine($"Seeding {perLeg * legs:N0} jobs held by {reviewers.Count} reviewers ({perLeg:N0} decisions per leg)…");
        var jobs = new Queue<List<ReviewJob>>();
        for (var i = 0; i < legs; i++)
        {
            jobs.Enqueue(await ScenarioSetup.OpenJobsAsync(services, organizationId, queue, Prefix + "post", (i % 2 == 0 ? "r" : "p") + i + "-", perLeg, reviewers, cancellationToken));
        }

        Console.WriteLine("Warm-up…");
        await RawLegAsync(services, organizationId, hookUrl, reviewers, jobs.Dequeue(), cancellationToken);
        var productDecided = (await ProductLegAsync(services, reviewers, jobs.Dequeue(), cancellationToken)).Completed;

        var ratios = new List<double>();
        var rates = new List<double>();
        var latencies = new List<double>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            var raw = await RawLegAsync(services, organizationId, hookUrl, reviewers, jobs.Dequeue(), cancellationToken);
            var product = await ProductLegAsync(services, reviewers, jobs.Dequeue(), cancellationToken);
            productDecided += product.Completed;
            Console.WriteLine(ScenarioSetup.F(
                $"Pair {pair}: raw {raw.Rate:0}/s (p99 {raw.P99:0.0} ms, {raw.Failed} failed); product {product.Rate:0}/s (p50 {product.P50:0.0} ms, p99 {product.P99:0.0} ms, {product.Failed} failed) ({product.Rate / raw.Rate:0.00}×)"));
            ratios.Add(product.Rate / raw.Rate);
            rates.Add(product.Rate);
            latencies.AddRange(product.Latencies);
        }

        // Atomicity: every product decision closed its job and left exactly one outbox row (product items are "p…", raw ones "r…").
        await using var check = await factory.CreateDbContextAsync(cancellationToken);
        var decisions = await check.ReviewDecisions.CountAsync(d => d.OrganizationId == organizationId && EF.Functions.Like(d.ItemId, "p%"), cancellationToken);
        var closed = await check.ReviewJobs.CountAsync(j => j.OrganizationId == organizationId && EF.Functions.Like(j.ItemId, "p%") && j.Status == JobStatus.Closed, cancellationToken);
        var outbox = await check.OutboxMessages.CountAsync(m => m.OrganizationId == organizationId && m.Kind == OutboxMessageKinds.IgnoreCallback && EF.Functions.Like(m.ItemId!, "p%"), cancellationToken);
        Console.WriteLine($"Product decisions answered {productDecided:N0}; in the database {decisions:N0} decisions, {closed:N0} closed jobs, {outbox:N0} outbox rows; {hook.HooksReceived:N0} callbacks delivered so far.");
        var orphans = Math.Abs(decisions - closed) + Math.Abs(decisions - outbox) + Math.Abs(decisions - productDecided);

        var (ratio, min, max) = Ratios.Of(ratios);
        var all = new LoadResult(latencies.Count, 0, TimeSpan.FromSeconds(1), latencies);
        var n = ScenarioSetup.F($"N={options.Concurrency}");
        return
        [
            new("S6 decisions", n + ": decisions/s (Ignore, with callback)", Ratios.Of(rates).Median, "decisions/s", ratio, min, max, 100, true,
                "raw transaction, one ADO.NET command per row"),
            new("S6 decisions", n + ": ratio to the raw transaction", ratio, "×", ratio, min, max, 0.5, true, "raw transaction"),
            new("S6 decisions", n + ": decision latency p50", all.P50, "ms", null, null, null, null, false, "–"),
            new("S6 decisions", n + ": decision latency p99", all.P99, "ms", null, null, null, 50, false, "–"),
            new("S6 decisions", "orphans (decision without closed job or outbox row, or unanswered)", orphans, "rows", null, null, null, 0, false, "–"),
        ];
    }

    /// <summary>Each reviewer decides the jobs they hold, through the real use case.</summary>
    private async Task<LoadResult> ProductLegAsync(IServiceProvider services, IReadOnlyList<Reviewer> reviewers, List<ReviewJob> jobs, CancellationToken cancellationToken)
    {
        profile.Start();
        var load = await DecideAllAsync(reviewers, jobs, async (worker, job) =>
        {
            var outcome = await ScenarioSetup.AsAsync(services, reviewers[worker], sp =>
                sp.GetRequiredService<ICommandHandler<SubmitDecisionCommand, DecisionOutcome>>()
                    .HandleAsync(new SubmitDecisionCommand(job.Id, DecisionKind.Ignore, Reason: "benchmark"), cancellationToken));
            return outcome.JobId == job.Id;
        }, _ => Task.FromResult<IAsyncDisposable?>(null));
        profile.StopAndPrint("the product leg (units: decisions)", load.Completed, top: 14);
        return load;
    }

    /// <summary>The same writes as one raw transaction per decision, one command per row, on a connection per reviewer.</summary>
    private static async Task<LoadResult> RawLegAsync(
        IServiceProvider services, string organizationId, string hookUrl, IReadOnlyList<Reviewer> reviewers, List<ReviewJob> jobs, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var inserters = new ConcurrentDictionary<int, BulkInserter>();
        try
        {
            return await DecideAllAsync(reviewers, jobs, async (worker, job) =>
            {
                var insert = inserters[worker];
                var reviewer = reviewers[worker];
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                await insert.BeginAsync(cancellationToken);
                var closed = await insert.ExecuteAsync("""
                    UPDATE "ReviewJobs" SET "Status" = 1, "OpenItemKey" = NULL, "ClaimedByUserId" = NULL, "ClaimExpiresAt" = NULL, "ClosedAt" = @now, "ClosedByUserId" = @user
                    WHERE "Id" = @id AND "Status" = 0 AND "ClaimedByUserId" = @user AND "ClaimExpiresAt" > @now
                    """, [("@now", now), ("@user", reviewer.UserId), ("@id", job.Id)], cancellationToken);
                if (closed == 0)
                {
                    await insert.CommitAsync(cancellationToken);
                    return false;
                }

                await insert.InsertAsync([ReviewDecision.Record(job, DecisionKind.Ignore, reviewer.UserId, reviewer.Email, "[]", "[]", "benchmark", now)], cancellationToken);
                await insert.InsertAsync([JobEvent.Record(organizationId, job.Id, JobEventKind.Decided, reviewer.UserId, now, detail: "Ignored")], cancellationToken);
                await insert.InsertAsync([AuditEntry.Record(organizationId, reviewer.UserId, reviewer.Email, "job.decided", "job", job.Id,
                    $"Ignore on {job.ItemTypeId}/{job.ItemId}", now)], cancellationToken);
                var body = JsonSerializer.Serialize(new { id = job.ItemId, typeId = job.ItemTypeId, data = new { } });
                await insert.InsertAsync([OutboxMessage.Create(organizationId, OutboxMessageKinds.IgnoreCallback, hookUrl, body, null, now,
                    itemId: job.ItemId, itemTypeId: job.ItemTypeId)], cancellationToken);
                await insert.CommitAsync(cancellationToken);
                return true;
            }, async worker =>
            {
                inserters[worker] = await BulkInserter.OpenAsync(factory, seeding: false, cancellationToken);
                return null;
            });
        }
        finally
        {
            foreach (var inserter in inserters.Values)
            {
                await inserter.DisposeAsync();
            }
        }
    }

    /// <summary>Each reviewer works through their own held jobs; the leg ends when all are decided.</summary>
    private static async Task<LoadResult> DecideAllAsync(
        IReadOnlyList<Reviewer> reviewers, List<ReviewJob> jobs, Func<int, ReviewJob, Task<bool>> decide, Func<int, Task<IAsyncDisposable?>> open)
    {
        var byReviewer = reviewers.Select(r => new Queue<ReviewJob>(jobs.Where(j => j.ClaimedByUserId == r.UserId))).ToArray();
        for (var i = 0; i < reviewers.Count; i++)
        {
            await open(i);
        }

        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, reviewers.Count).Select(worker => Task.Run(async () =>
        {
            while (byReviewer[worker].TryDequeue(out var job))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await decide(worker, job))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref failed) <= 3)
                    {
                        Console.WriteLine($"  failure: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
        })));
        return new LoadResult(latencies.Count, failed, clock.Elapsed, [.. latencies]);
    }
}
