using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Coop.Tests.Integration.Cluster;

/// <summary>
/// Issue 10's multi-node "done when": two real Coop processes on two loopback ports share one PostgreSQL database and one Redis
/// (Realtime:Redis, Jobs:Store=Database). A decision on node A updates a live view and a SignalR client on node B; Quartz fires each
/// trigger once across both; 20 reviewers split over the two nodes never hold the same job; killing node A returns its reviewers'
/// jobs to the queue once their leases lapse, and node B hands them out again.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RunsAlone.Name)]
public sealed class TwoNodeClusterTests(BrowserFixture browser)
{
    private const int Jobs = 30;
    private const int Claimers = 20;
    private const int ClaimWave = 4;
    private const int LeaseSeconds = 30;

    [Fact]
    public async Task Two_nodes_share_live_events_fire_each_job_once_never_double_claim_and_recover_a_killed_nodes_claims()
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(DatabaseProvider.Postgres), "PostgreSQL is not configured for this run (COOP_TEST_POSTGRES; ./test.sh starts one).");
        Assert.SkipWhen(string.IsNullOrEmpty(TestSettings.Redis), "Redis is not configured for this run (COOP_TEST_REDIS; ./test.sh starts one).");
        Assert.SkipUnless(File.Exists(CoopNode.WebAssemblyPath()), $"The built Coop.Web is not at {CoopNode.WebAssemblyPath()}.");
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var seed = await SeedAsync(database);

        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Demo:SeedOnFirstRun"] = "false",
            ["Realtime:Redis"] = TestSettings.Redis,
            ["Realtime:ChannelPrefix"] = "coop-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Jobs:Store"] = "Database",
            ["Jobs:ClusterCheckinIntervalSeconds"] = "1",
            ["Jobs:ClusterCheckinMisfireThresholdSeconds"] = "3",
            ["Review:ClaimLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Review:SweepIntervalSeconds"] = "1",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var starting = new[] { CoopNode.StartAsync("A", settings, ct), CoopNode.StartAsync("B", settings, ct) };
        await using var nodeA = await starting[0];
        await using var nodeB = await starting[1];
        try
        {
            await RunAsync(database, seed, nodeA, nodeB, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- node A ---\n{Tail(nodeA.Output)}\n--- node B ---\n{Tail(nodeB.Output)}", ex);
        }
    }

    private async Task RunAsync(TestDatabase database, Seed seed, CoopNode nodeA, CoopNode nodeB, CancellationToken ct)
    {
        // (a) A decision made through node A: a queue card on node B and a SignalR client of node B's /hubs/live hear of it.
        await using var leadContext = await SignedInContextAsync(nodeB, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager));
        var lead = new ConsolePage(await leadContext.NewPageAsync(), nodeB.BaseAddress);
        await lead.GotoAsync("/review");
        await lead.WaitForShellAsync();
        var pending = lead.Page.GetByTestId($"queue-{seed.QueueId}").GetByTestId("queue-pending");
        await Assertions.Expect(pending).ToHaveTextAsync(Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var hubCookies = await SignInAsync(nodeB, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager));
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(nodeB.BaseAddress, LiveHub.Path), o => o.Cookies = hubCookies).Build();
        var heard = new ConcurrentQueue<LiveEventMessage>();
        hub.On<LiveEventMessage>(nameof(ILiveClient.LiveEvent), heard.Enqueue);
        await hub.StartAsync(ct);
        await hub.InvokeAsync("SubscribeQueues", ct);

        string decided;
        await using (var moderatorContext = await SignedInContextAsync(nodeA, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator)))
        {
            var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), nodeA.BaseAddress);
            await moderator.GotoAsync($"/review/queues/{seed.QueueId}/work");
            var view = moderator.Page.GetByTestId("job-view");
            await Assertions.Expect(view).ToHaveAttributeAsync("data-job", new System.Text.RegularExpressions.Regex(".+"));
            decided = (await view.GetAttributeAsync("data-job"))!;
            var clock = Stopwatch.StartNew();
            // The first click may land before the page is interactive; click again until the decision is taken.
            for (var attempt = 0; ; attempt++)
            {
                await moderator.Page.GetByTestId("decision-ignore").ClickAsync();
                try
                {
                    await Assertions.Expect(view).Not.ToHaveAttributeAsync("data-job", decided, new() { Timeout = 5_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                }
            }
            await Assertions.Expect(pending).ToHaveTextAsync((Jobs - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 10_000 });
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"node B's queue card took {clock.Elapsed} to change");
            await lead.ScreenshotAsync("cluster-node-b-queue-after-decision-on-a", fullPage: false);

            // The moderator hands back the next job they now hold and leaves. (Closing the tab alone also releases it, through
            // Blazor's disconnect beacon; but when a loaded machine loses the beacon the circuit is kept, renewing its claim, for
            // Blazor's retention period, which is longer than this test should wait.)
            await moderator.Page.GetByTestId("work-release").ClickAsync();
        }

        await WaitUntilAsync(() => heard.Any(m => IsClosing(m, seed, decided)), TimeSpan.FromSeconds(10), "node B's hub client to hear of the decision", ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.Single(heard, m => IsClosing(m, seed, decided));

        // The moderator left: their next job goes back to the queue (released on leaving, or at worst when its short lease lapses).
        await WaitUntilAsync(async () =>
        {
            await using var db = Db(database);
            return !await db.ReviewJobs.AnyAsync(j => j.ClaimedByUserId == seed.ModeratorId && j.Status == JobStatus.Open, ct);
        }, TimeSpan.FromSeconds(60), "the moderator's next job to return to the queue", ct);

        // (c) 20 reviewers, ten on each node, open the queue in waves of four (two on each node at once): 20 different jobs, each
        // held by the one who was shown it. All twenty at once on a 2-core machine running both nodes, PostgreSQL, Redis and the
        // browser starved it: circuits were lost and started again, and the nodes' Quartz failed each other out.
        var contexts = new List<IBrowserContext>();
        try
        {
            var signIns = seed.Claimers.Select((c, i) => SignedInContextAsync(i % 2 == 0 ? nodeA : nodeB, c.Email)).ToList();
            contexts.AddRange(await Task.WhenAll(signIns));
            var shown = new List<(Claimer Claimer, IPage Page, bool OnA)>();
            foreach (var wave in contexts.Select((context, i) => (Context: context, Index: i)).Chunk(ClaimWave))
            {
                var opened = await Task.WhenAll(wave.Select(async w =>
                {
                    var node = w.Index % 2 == 0 ? nodeA : nodeB;
                    var page = await w.Context.NewPageAsync();
                    await page.GotoAsync(new Uri(node.BaseAddress, $"/review/queues/{seed.QueueId}/work").ToString(),
                        new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
                    return (Claimer: seed.Claimers[w.Index], Page: page, OnA: w.Index % 2 == 0);
                }));

                // The wave's pages show a job (their circuits claimed one) before the next wave opens.
                await Task.WhenAll(opened.Select(o => Assertions.Expect(o.Page.GetByTestId("job-view"))
                    .ToHaveAttributeAsync("data-job", new System.Text.RegularExpressions.Regex(".+"), new() { Timeout = 90_000 })));
                shown.AddRange(opened);
            }

            // Each page settles on the job its reviewer holds in the database (a prerendered page shows a job before its circuit
            // takes over), and those are 20 different jobs.
            var claimerIds = seed.Claimers.Select(c => c.UserId).ToList();
            Dictionary<string, string> heldBy = [];
            await WaitUntilAsync(async () =>
            {
                await using var db = Db(database);
                var held = await db.ReviewJobs.Where(j => j.QueueId == seed.QueueId && j.Status == JobStatus.Open && claimerIds.Contains(j.ClaimedByUserId!))
                    .Select(j => new { UserId = j.ClaimedByUserId!, j.Id }).ToListAsync(ct);

                // A page whose circuit was lost on a starved machine and started again claims anew; the lost circuit's job stays
                // held until that circuit is disposed or its lease lapses, so a reviewer may hold two for a while: not yet.
                heldBy = held.GroupBy(h => h.UserId).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
                return heldBy.Count == Claimers && held.Count == Claimers;
            }, TimeSpan.FromSeconds(90), () => $"every reviewer to hold exactly one job ({heldBy.Count} of {Claimers} did at the last poll)", ct);
            await Task.WhenAll(shown.Select(s => Assertions.Expect(s.Page.GetByTestId("job-view"))
                .ToHaveAttributeAsync("data-job", heldBy[s.Claimer.UserId], new() { Timeout = 60_000 })));
            Assert.Equal(Claimers, heldBy.Values.Distinct().Count());
            await using (var db = Db(database))
            {
                var final = await db.ReviewJobs.Where(j => heldBy.Values.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.ClaimedByUserId, ct);
                Assert.All(heldBy, h => Assert.Equal(h.Key, final[h.Value]));
            }

            // (b) Quartz: the claim sweeper fires every second; each firing ran on exactly one of the two nodes.
            await AssertEachFiringRanOnceAsync(database, ct);

            // (d) Node A dies with ten jobs claimed. Its reviewers' leases lapse (no one renews them), node B's sweeper returns the jobs,
            // node B's own reviewers keep theirs (their pages renew), and a reviewer on node B is handed one of node A's jobs.
            var heldOnA = shown.Where(s => s.OnA).Select(s => heldBy[s.Claimer.UserId]).ToHashSet();
            var heldOnB = shown.Where(s => !s.OnA).Select(s => (s.Claimer, JobId: heldBy[s.Claimer.UserId])).ToList();
            var killedAt = Stopwatch.StartNew();
            nodeA.Kill();
            await WaitUntilAsync(async () =>
            {
                await using var db = Db(database);
                return await db.ReviewJobs.CountAsync(j => heldOnA.Contains(j.Id) && j.ClaimedByUserId == null && j.Status == JobStatus.Open, ct) == heldOnA.Count;
            }, TimeSpan.FromSeconds(75), "node A's claimed jobs to return to the queue", ct);
            Assert.True(killedAt.Elapsed >= TimeSpan.FromSeconds(LeaseSeconds / 2.0), $"jobs came back after {killedAt.Elapsed}, before their leases could lapse");
            await using (var db = Db(database))
            {
                var expired = await db.JobEvents.Where(e => heldOnA.Contains(e.JobId) && e.Kind == JobEventKind.Expired).Select(e => e.JobId).ToListAsync(ct);
                Assert.Equal(heldOnA.Order(), expired.Order());
                var stillHeld = await db.ReviewJobs.Where(j => j.QueueId == seed.QueueId && j.Status == JobStatus.Open && j.ClaimedByUserId != null)
                    .ToDictionaryAsync(j => j.Id, j => j.ClaimedByUserId, ct);
                Assert.All(heldOnB, s => Assert.Equal(s.Claimer.UserId, stillHeld.GetValueOrDefault(s.JobId)));
            }

            await using var lateContext = await SignedInContextAsync(nodeB, seed.Late.Email);
            var late = new ConsolePage(await lateContext.NewPageAsync(), nodeB.BaseAddress);
            await late.GotoAsync($"/review/queues/{seed.QueueId}/work");
            var lateView = late.Page.GetByTestId("job-view");
            await Assertions.Expect(lateView).ToHaveAttributeAsync("data-job", new System.Text.RegularExpressions.Regex(".+"));
            Assert.Contains((await lateView.GetAttributeAsync("data-job"))!, heldOnA);
            await late.ScreenshotAsync("cluster-node-b-hands-out-node-a-job", fullPage: false);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    private static bool IsClosing(LiveEventMessage message, Seed seed, string jobId) =>
        message.Topic == LiveTopics.Queues(seed.OrganizationId) && message.Kind == LiveEventKinds.JobClosed && message.EntityId == jobId;

    /// <summary>
    /// Quartz's cluster-wide execution history: the sweeper's one-second trigger ran about once a second across both nodes (two
    /// unclustered schedules would run it twice a second), each firing once.
    /// </summary>
    private static async Task AssertEachFiringRanOnceAsync(TestDatabase database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), count(DISTINCT fire_instance_id), min(fired_time), max(fired_time)
            FROM qrtz_execution_history WHERE trigger_name = 'claim-lease-sweeper-trigger'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        var (runs, firings) = (reader.GetInt64(0), reader.GetInt64(1));

        // Quartz keeps times as ticks (bigint) in its classic tables; accept a timestamp column too.
        var seconds = (reader.GetValue(2), reader.GetValue(3)) switch
        {
            (long first, long last) => TimeSpan.FromTicks(last - first).TotalSeconds,
            (DateTime first, DateTime last) => (last - first).TotalSeconds,
            (DateTimeOffset first, DateTimeOffset last) => (last - first).TotalSeconds,
            var other => throw new InvalidOperationException($"Unexpected fired_time values {other}"),
        };
        Assert.True(runs >= 5, $"the sweeper ran {runs} time(s)");
        Assert.Equal(runs, firings);
        // Each node re-registers the trigger (firing at once) when it starts, so allow a few extra runs; two schedules would be about 2×.
        Assert.True(runs <= (seconds * 1.25) + 5, $"the one-second sweeper ran {runs} times in {seconds:F1} s: some firings ran on both nodes");
    }

    private sealed record Claimer(string Email, string UserId);

    private sealed record Seed(string OrganizationId, string QueueId, string ModeratorId, IReadOnlyList<Claimer> Claimers, Claimer Late);

    /// <summary>Migrates the shared database and fills it (through an in-process app that is gone before the nodes start).</summary>
    private static async Task<Seed> SeedAsync(TestDatabase database)
    {
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator, DefaultRoles.ModeratorManager);
        var claimers = new List<Claimer>();
        foreach (var email in Enumerable.Range(0, Claimers).Select(i => $"claimer-{i:D2}@acme.example").Append("late@acme.example"))
        {
            claimers.Add(new Claimer(email, await OrganizationBuilder.AddUserAsync(app, org, email, DefaultRoles.Moderator)));
        }

        // One Data Protection key in the shared database before the nodes start, so both sign cookies with the same key from the first request.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Protect("key");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(org, "Cluster queue", null, QueueKind.Standard, QueueOrdering.Age, false, now);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        db.ReviewQueues.Add(queue);
        for (var i = 0; i < Jobs; i++)
        {
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", $"p{i:D4}", JobSource.Report, now.AddSeconds(-Jobs + i)));
        }

        await db.SaveChangesAsync();
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        var moderatorId = await db.Users.Where(u => u.Email == moderator).Select(u => u.Id).SingleAsync();
        return new Seed(org, queue.Id, moderatorId, claimers[..Claimers], claimers[Claimers]);
    }

    private static PostgresCoopDbContext Db(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<PostgresCoopDbContext>();
        DatabaseSetup.UsePostgres(options, database.ConnectionString);
        return new PostgresCoopDbContext(options.Options);
    }

    /// <summary>Signs in through node's real form with HTTP and returns the cookies.</summary>
    private static async Task<CookieContainer> SignInAsync(CoopNode node, string email)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = node.BaseAddress };
        await FormSignIn.SignInAsync(client, email, OrganizationBuilder.Password);
        return cookies;
    }

    /// <summary>A browser context carrying the cookies of a sign-in through <paramref name="node"/>.</summary>
    private async Task<IBrowserContext> SignedInContextAsync(CoopNode node, string email)
    {
        var cookies = await SignInAsync(node, email);
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(cookies.GetCookies(node.BaseAddress).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = node.BaseAddress.ToString(),
            HttpOnly = c.HttpOnly,
        }));
        return context;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what, ct);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct) =>
        WaitUntilAsync(condition, timeout, () => what, ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await HoldsAsync(condition, clock.Elapsed > timeout))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout} for {what()}.");
            }

            await Task.Delay(250, ct);
        }
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    /// <summary>A poll that meets a transient database error (a timeout on a loaded machine) counts as "not yet", until the last poll.</summary>
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition, bool last)
    {
        try
        {
            return await condition();
        }
        catch (Exception ex) when (!last && ex is InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
