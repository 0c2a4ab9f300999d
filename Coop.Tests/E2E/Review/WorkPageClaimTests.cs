using System.Net;
using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Review.Routing;
using Coop.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Review;

/// <summary>
/// Claims are held only by work pages someone is looking at: a page that never becomes interactive (a prefetch, a link preview,
/// a crawler with a session cookie, a tab closed at once) claims nothing, and a page whose browser went away without a goodbye
/// stops renewing, so its job comes back when the lease runs out instead of after Blazor's circuit retention.
/// </summary>
[Trait("Category", "E2E")]
public sealed partial class WorkPageClaimTests(BrowserFixture browser, WorkPageClaimTests.App app) : IClassFixture<WorkPageClaimTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_work_page_that_never_becomes_interactive_claims_nothing()
    {
        var queueId = app.PrerenderQueueId;

        // A plain GET with the moderator's cookie: the prerendered HTML, and no circuit ever.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        await FormSignIn.SignInAsync(client, app.ModeratorEmail, OrganizationBuilder.Password);
        string html;
        using (var response = await client.GetAsync(new Uri($"/review/queues/{queueId}/work", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync(Ct);
        }

        await AssertNothingClaimedAsync(queueId);
        Assert.Contains("data-testid=\"work-loading\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"job-view\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"work-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"work-empty\"", html, StringComparison.Ordinal);

        // A browser that never starts the circuit (its script blocked) shows the prerendered loading state, and claims nothing.
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), app.BaseAddress);
        await SignInAsync(console);
        var still = await context.NewPageAsync();
        var blocked = 0;
        await still.RouteAsync(BlazorScript(), route =>
        {
            Interlocked.Increment(ref blocked);
            return route.AbortAsync();
        });
        await still.GotoAsync(new Uri(app.BaseAddress, $"/review/queues/{queueId}/work").ToString());
        await Assertions.Expect(still.GetByTestId("work-loading")).ToBeVisibleAsync();
        await Assertions.Expect(still.GetByTestId("job-view")).ToHaveCountAsync(0);
        await Assertions.Expect(still.GetByTestId("work-error")).ToHaveCountAsync(0);
        await new ConsolePage(still, app.BaseAddress).ScreenshotAsync("work-page-prerendered", fullPage: false);
        Assert.Equal(1, Volatile.Read(ref blocked));
        await Assertions.Expect(still.Locator("[data-testid=shell][data-interactive=true]")).ToHaveCountAsync(0);
        await still.CloseAsync();
        await AssertNothingClaimedAsync(queueId);
    }

    [Fact]
    public async Task A_work_page_whose_connection_is_gone_stops_renewing_so_its_job_returns_when_the_lease_runs_out()
    {
        var queueId = app.DisconnectQueueId;
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), app.BaseAddress);
        await SignInAsync(console);
        var page = console.Page;

        // The circuit's WebSocket goes through a route the test can cut, as a network that goes away would.
        var cut = false;
        (IWebSocketRoute Page, IWebSocketRoute Server)? socket = null;
        await page.RouteWebSocketAsync(BlazorHub(), ws =>
        {
            if (cut)
            {
                _ = ws.CloseAsync();
                return;
            }

            socket = (ws, ws.ConnectToServer());
        });

        await console.GotoAsync($"/review/queues/{queueId}/work");
        var view = page.GetByTestId("job-view");
        await Assertions.Expect(view).ToHaveAttributeAsync("data-job", new Regex(".+"));
        var jobId = (await view.GetAttributeAsync("data-job"))!;
        await console.ScreenshotAsync("work-page-interactive", fullPage: false);

        // Connected, the page renews its claim (three times per lease).
        var claimed = await ClaimAsync(jobId);
        Assert.Equal(app.ModeratorId, claimed.UserId);
        await WaitUntilAsync(async () => (await ClaimAsync(jobId)).Until > claimed.Until, TimeSpan.FromSeconds(App.LeaseSeconds * 2), "the page to renew its claim");

        // The network goes: no reconnection gets through, and no disconnect beacon either. Blazor keeps the circuit (3 minutes).
        cut = true;
        await page.RouteAsync(BlazorHub(), route => route.AbortAsync());
        var live = socket ?? throw new InvalidOperationException("the circuit's WebSocket did not go through the route");
        await live.Server.CloseAsync();
        await live.Page.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(0.5), Ct);
        var lastLease = (await ClaimAsync(jobId)).Until;
        Assert.NotNull(lastLease);

        // Nobody renews the lease from now on; when it ends, the sweeper gives the job back (the circuit, kept, releases nothing).
        var kinds = new List<JobEventKind>();
        await WaitUntilAsync(async () =>
        {
            var now = await ClaimAsync(jobId);
            Assert.True(now.Until is null || now.Until == lastLease, $"the claim was renewed to {now.Until:O} after the connection went (lease was {lastLease:O})");
            await using var db = await app.DbAsync();
            kinds = await db.JobEvents.Where(e => e.JobId == jobId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct);
            return now.UserId is null && kinds.Contains(JobEventKind.Expired);
        }, TimeSpan.FromSeconds(App.LeaseSeconds + 10), "the job to return to its queue");
        Assert.Equal(JobEventKind.Expired, kinds[^1]);
        Assert.DoesNotContain(JobEventKind.Released, kinds);

        await console.ScreenshotAsync("work-page-disconnected", fullPage: false);

        // The connection comes back after the lease ended (Blazor's own retries, every 5 s by now): the page says the claim
        // ended and takes the next job.
        cut = false;
        await page.UnrouteAsync(BlazorHub());
        await Assertions.Expect(page.GetByTestId("work-notice")).ToContainTextAsync("Your claim on that job ended", new() { Timeout = 20_000 });
        await Assertions.Expect(view).ToHaveAttributeAsync("data-job", new Regex(".+"));
        var next = (await view.GetAttributeAsync("data-job"))!;
        await WaitUntilAsync(async () => (await ClaimAsync(next)).UserId == app.ModeratorId, TimeSpan.FromSeconds(10), "the page to hold its next job");
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await console.ScreenshotAsync("work-page-reconnected", fullPage: false);
    }

    [Fact]
    public async Task A_job_taken_from_its_own_page_is_renewed_while_the_reviewer_is_there_and_released_when_they_leave()
    {
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), app.BaseAddress);
        await SignInAsync(console);
        var jobId = app.JobPageJobId;

        await console.GotoAsync($"/review/jobs/{jobId}");
        await console.Page.GetByTestId("job-claim").ClickAsync();
        await WaitUntilAsync(async () => (await ClaimAsync(jobId)).UserId == app.ModeratorId, TimeSpan.FromSeconds(10), "the page to claim the job");
        var first = (await ClaimAsync(jobId)).Until;

        // Still there after the first lease would have ended: the page renewed it (the lease is 8 s, renewed every third of it).
        await WaitUntilAsync(async () => (await ClaimAsync(jobId)).Until > first!.Value.AddSeconds(App.LeaseSeconds), TimeSpan.FromSeconds(App.LeaseSeconds * 3),
            "the job page to renew its claim past the first lease");
        Assert.Equal(app.ModeratorId, (await ClaimAsync(jobId)).UserId);
        await Assertions.Expect(console.Page.GetByTestId("job-error")).ToHaveCountAsync(0);

        // Leaving the page gives the job back.
        await console.GotoAsync("/review");
        await WaitUntilAsync(async () => (await ClaimAsync(jobId)).UserId is null, TimeSpan.FromSeconds(10), "the job to be released on leaving");
    }

    private async Task SignInAsync(ConsolePage console)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(app.ModeratorEmail, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }

    private async Task AssertNothingClaimedAsync(string queueId)
    {
        await using var db = await app.DbAsync();
        var jobs = await db.ReviewJobs.Where(j => j.QueueId == queueId).Select(j => new { j.Id, j.ClaimedByUserId }).ToListAsync(Ct);
        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.Null(j.ClaimedByUserId));
        var ids = jobs.Select(j => j.Id).ToList();
        Assert.False(await db.JobEvents.AnyAsync(e => ids.Contains(e.JobId) && e.Kind == JobEventKind.Claimed, Ct), "a Claimed event was recorded");
        Assert.DoesNotContain(app.Factory.Services.GetRequiredService<NodeClaims>().Held, h => ids.Contains(h.JobId));
    }

    private async Task<(string? UserId, DateTime? Until)> ClaimAsync(string jobId)
    {
        await using var db = await app.DbAsync();
        var job = await db.ReviewJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, Ct);
        return (job.ClaimedByUserId, job.ClaimExpiresAt);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < timeout, $"timed out waiting for {what}");
            await Task.Delay(100, Ct);
        }
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();

    /// <summary>Blazor's script, fingerprinted (blazor.web.{hash}.js) or not.</summary>
    [GeneratedRegex(@"/_framework/blazor\.web(\.[^/]*)?\.js")]
    private static partial Regex BlazorScript();

    /// <summary>One app for the class: a short lease (renewed every few seconds), a sweeper every second, two queues of jobs.</summary>
    public sealed class App : IAsyncLifetime
    {
        public const int LeaseSeconds = 8;

        public CoopAppFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["Review:ClaimLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Review:SweepIntervalSeconds"] = "1",
        });

        public Uri BaseAddress { get; private set; } = default!;

        public string ModeratorEmail { get; } = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

        public string ModeratorId { get; private set; } = string.Empty;

        public string PrerenderQueueId { get; private set; } = string.Empty;

        public string DisconnectQueueId { get; private set; } = string.Empty;

        public string JobPageJobId { get; private set; } = string.Empty;

        public async Task<CoopDbContext> DbAsync() =>
            await Factory.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        public async ValueTask InitializeAsync()
        {
            BaseAddress = Factory.StartOnRealPort();
            var org = await OrganizationBuilder.CreateAsync(Factory, "Acme", DefaultRoles.Moderator);
            await ItemTypeBuilder.CreateAsync(Factory, org, "post", "Post", """{ "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true } ] }""");
            var ct = TestContext.Current.CancellationToken;
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            await using var db = await DbAsync();
            ModeratorId = await db.Users.Where(u => u.Email == ModeratorEmail).Select(u => u.Id).SingleAsync(ct);
            var prerender = ReviewQueue.Create(org, "Prerender", null, QueueKind.Standard, QueueOrdering.Age, true, now);
            var disconnect = ReviewQueue.Create(org, "Disconnect", null, QueueKind.Standard, QueueOrdering.Age, false, now);
            var single = ReviewQueue.Create(org, "Job page", null, QueueKind.Standard, QueueOrdering.Age, false, now);
            db.ReviewQueues.AddRange(prerender, disconnect, single);
            await db.SaveChangesAsync(ct);
            foreach (var (queue, prefix) in new[] { (prerender, "a"), (disconnect, "b") })
            {
                for (var i = 1; i <= 2; i++)
                {
                    await JobEnqueuer.EnqueueAsync(db, org, "post", $"{prefix}{i}", JobSource.Report, [], null, queue.Id, QueueKind.Standard, "test", now.AddMinutes(-i), null, ct);
                }
            }

            await JobEnqueuer.EnqueueAsync(db, org, "post", "c1", JobSource.Report, [], null, single.Id, QueueKind.Standard, "test", now, null, ct);
            await db.SaveChangesAsync(ct);
            JobPageJobId = await db.ReviewJobs.Where(j => j.QueueId == single.Id).Select(j => j.Id).SingleAsync(ct);
            PrerenderQueueId = prerender.Id;
            DisconnectQueueId = disconnect.Id;
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
