using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Integration.ChildSafety;
using Coop.Tests.Integration.Cluster;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Administration;
using Coop.Web.Features.ChildSafety.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.Integration.CrashSafety;

/// <summary>
/// One crash, shared by the tests of <see cref="CrashSafetyTests"/>: a real Coop process (<c>dotnet Coop.Web.dll</c>, SQLite)
/// takes sustained ingestion from six API clients, a decision burst from three reviewers in browsers, and a CyberTipline batch
/// (the fake holds the second <c>/finish</c>) all at once; when each is mid-stream (and a decision callback is mid-delivery
/// to a slow platform) the process is killed with SIGKILL. What was acknowledged before the kill is recorded; then a new
/// process starts on the same database file and stays up for the tests to watch it recover.
/// </summary>
public sealed class CrashSafetyRun : IAsyncDisposable
{
    public const int ApiClients = 6;
    public const int ItemsPerRequest = 10;
    public const int Submissions = 4;
    public const int ReviewJobs = 300;

    /// <summary>Claims, the CyberTipline batch and outbox batches are held this briefly, so the restarted node takes them back soon.</summary>
    public const int ClaimLeaseSeconds = 8;

    private readonly Lock gate = new();
    private readonly TaskCompletionSource finishHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource releaseFinish = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? running;
    private TestDatabase? database;
    private ImageServer? images;
    private string? mediaFolder;
    private CoopNode? first;
    private volatile bool killing;
    private int finishes;

    public WebhookReceiver Receiver { get; private set; } = default!;

    public FakeCyberTipline Tipline { get; private set; } = default!;

    /// <summary>The process started on the crashed one's database.</summary>
    internal CoopNode Restarted { get; private set; } = default!;

    public string OrganizationId { get; private set; } = string.Empty;

    public string QueueId { get; private set; } = string.Empty;

    /// <summary>Item ids whose request was answered 202 before the kill.</summary>
    public ConcurrentBag<string> AcknowledgedItems { get; } = [];

    /// <summary>Report ids (and the reported item) answered 201 before the kill.</summary>
    public ConcurrentBag<(string ReportId, string ItemId)> AcknowledgedReports { get; } = [];

    /// <summary>Jobs a reviewer's page moved on from after pressing Ignore, saying the decision was recorded, before the kill.</summary>
    public ConcurrentBag<string> AcknowledgedDecisions { get; } = [];

    /// <summary>Anything that went wrong before the kill (a non-2xx answer, a page that would not decide).</summary>
    public ConcurrentQueue<string> ErrorsBeforeKill { get; } = [];

    /// <summary>Jobs claimed by a reviewer and not decided when the process died.</summary>
    public IReadOnlyList<string> ClaimedAtKill { get; private set; } = [];

    /// <summary>From the first process's start to the kill.</summary>
    public TimeSpan LoadDuration { get; private set; }

    /// <summary>Runs the crash once (the first caller starts it; the others wait for the same run).</summary>
    public Task EnsureCrashedAndRestartedAsync(BrowserFixture browser)
    {
        lock (gate)
        {
            return running ??= RunAsync(browser);
        }
    }

    public SqliteCoopDbContext Db()
    {
        var options = new DbContextOptionsBuilder<SqliteCoopDbContext>();
        DatabaseSetup.UseSqlite(options, database!.ConnectionString);
        return new SqliteCoopDbContext(options.Options);
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds, or fails naming <paramref name="what"/> with the node's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new System.TimeoutException($"Waited {timeout} for {what}.\n--- restarted node ---\n{Tail(Restarted.Output)}");
            }

            await Task.Delay(250);
        }
    }

    private async Task RunAsync(BrowserFixture browser)
    {
        mediaFolder = TestSettings.NewTempDirectory();
        await File.WriteAllBytesAsync(Path.Combine(mediaFolder, "a.jpg"), [.. "SYNTHETIC-TEST-MEDIA a.jpg"u8.ToArray(), .. new byte[4096]]);
        images = await ImageServer.StartAsync(mediaFolder);
        Receiver = await WebhookReceiver.StartAsync();
        // A slow platform: each callback is held 3 s, so at the kill some are delivered but not yet recorded as such.
        Receiver.ResponseDelay = TimeSpan.FromSeconds(3);
        Tipline = await FakeCyberTipline.StartAsync();
        Tipline.BeforeCall = async path =>
        {
            // Every /finish after the first waits for the kill (the client's own timeout may retry the held one meanwhile).
            if (path == "/finish" && Interlocked.Increment(ref finishes) >= 2)
            {
                finishHeld.TrySetResult();
                await releaseFinish.Task;
            }
        };
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var seed = await SeedAsync();

        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Demo:SeedOnFirstRun"] = "false",
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["ChildSafety:Pipeline:TestBaseUrl"] = Tipline.BaseAddress.ToString(),
            ["ChildSafety:Pipeline:ProductionBaseUrl"] = Tipline.BaseAddress.ToString(),
            ["ChildSafety:Pipeline:Interval"] = "00:00:01",
            ["ChildSafety:Pipeline:BackoffBase"] = "00:00:00",
            ["ChildSafety:Pipeline:Lease"] = "00:00:08",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:LeaseMargin"] = "00:00:01",
            ["Webhooks:BackoffBase"] = "00:00:00.200",
            ["Review:ClaimLeaseSeconds"] = ClaimLeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Review:SweepIntervalSeconds"] = "1",
            ["Ingestion:ProcessingLease"] = "00:00:03",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };

        var clock = Stopwatch.StartNew();
        first = await CoopNode.StartAsync("first", settings, CancellationToken.None);
        try
        {
            await CrashAsync(browser, seed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- first node ---\n{Tail(first.Output)}", ex);
        }

        LoadDuration = clock.Elapsed;
        await using (var db = Db())
        {
            ClaimedAtKill = await db.ReviewJobs.Where(j => j.QueueId == QueueId && j.Status == JobStatus.Open && j.ClaimedByUserId != null)
                .Select(j => j.Id).ToListAsync();
        }

        Restarted = await CoopNode.StartAsync("restarted", settings, CancellationToken.None);
    }

    private async Task CrashAsync(BrowserFixture browser, Seed seed)
    {
        using var stop = new CancellationTokenSource();
        using var api = new HttpClient { BaseAddress = first!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-API-KEY", seed.ApiKey);
        var contexts = await Task.WhenAll(seed.Reviewers.Select(email => SignedInContextAsync(browser, first.BaseAddress, email)));
        var deciding = new List<Task>();
        var ingesting = new List<Task>();
        try
        {
            deciding.AddRange(contexts.Select(context => DecideAsync(context, first.BaseAddress, stop.Token)));
            ingesting.AddRange(Enumerable.Range(0, ApiClients).Select(client => IngestAsync(api, client, stop.Token)));

            var clock = Stopwatch.StartNew();
            while (!(AcknowledgedItems.Count >= 200 && AcknowledgedReports.Count >= 6 && AcknowledgedDecisions.Count >= 4 && finishHeld.Task.IsCompleted
                     && Receiver.Requests.Any(r => r.Path == "/ignore" && r.ReceivedAt > TimeProvider.System.GetUtcNow().AddSeconds(-2))))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(240))
                {
                    throw new System.TimeoutException(
                        $"The load did not reach the kill point: {AcknowledgedItems.Count} items, {AcknowledgedReports.Count} reports, " +
                        $"{AcknowledgedDecisions.Count} decisions, finish held: {finishHeld.Task.IsCompleted}, callbacks: {Receiver.Requests.Count}; " +
                        $"errors: {string.Join(" | ", ErrorsBeforeKill.Take(5))}");
                }

                if (deciding.Concat(ingesting).FirstOrDefault(w => w.IsFaulted) is { } failed)
                {
                    await failed;
                }

                await Task.Delay(50);
            }

            killing = true;
            first.Kill();
            await stop.CancelAsync();
            releaseFinish.TrySetResult();
            await Task.WhenAll(ingesting);
        }
        finally
        {
            killing = true;
            releaseFinish.TrySetResult();
            // Closing the pages ends whatever the reviewers' loops were waiting for.
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }

        await Task.WhenAll(deciding);
    }

    /// <summary>One platform client: batches of items, every fifth request a report; records what was acknowledged.</summary>
    private async Task IngestAsync(HttpClient api, int client, CancellationToken stop)
    {
        for (var sequence = 0; !killing; sequence++)
        {
            try
            {
                if (sequence % 5 == 4)
                {
                    var itemId = $"r{client}-{sequence}";
                    var body = new JsonObject
                    {
                        ["reporter"] = new JsonObject { ["kind"] = "user", ["id"] = $"reporter-{client}", ["typeId"] = "user" },
                        ["reportedAt"] = TimeProvider.System.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        ["reportedItem"] = new JsonObject { ["id"] = itemId, ["typeId"] = "post", ["data"] = new JsonObject { ["text"] = "reported " + itemId } },
                    };
                    using var content = Json(body);
                    using var response = await api.PostAsync(new Uri("/api/v1/report", UriKind.Relative), content, stop);
                    var text = await response.Content.ReadAsStringAsync(stop);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        AcknowledgedReports.Add(((string)JsonNode.Parse(text)!["reportId"]!, itemId));
                    }
                    else if (!killing)
                    {
                        ErrorsBeforeKill.Enqueue($"report: {(int)response.StatusCode} {text}");
                    }
                }
                else
                {
                    var ids = Enumerable.Range(0, ItemsPerRequest).Select(i => $"c{client}-{sequence}-{i}").ToList();
                    var items = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject
                    {
                        ["id"] = id,
                        ["typeId"] = "post",
                        ["data"] = new JsonObject { ["text"] = "item " + id, ["author"] = new JsonObject { ["id"] = $"u{client}", ["typeId"] = "user" } },
                    })]);
                    using var content = Json(new JsonObject { ["items"] = items });
                    using var response = await api.PostAsync(new Uri("/api/v1/items/async", UriKind.Relative), content, stop);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        foreach (var id in ids)
                        {
                            AcknowledgedItems.Add(id);
                        }
                    }
                    else if (!killing)
                    {
                        ErrorsBeforeKill.Enqueue($"items: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(stop)}");
                    }
                }
            }
            catch (Exception ex) when (killing && ex is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }

            // About 20 requests/s from the six clients: sustained, without starving the browsers of a small machine's CPU.
            await Task.Delay(300, CancellationToken.None);
        }
    }

    /// <summary>A reviewer on the queue's work page pressing Ignore, job after job; a job counts once the page moved on from it saying so.</summary>
    private async Task DecideAsync(IBrowserContext context, Uri baseAddress, CancellationToken stop)
    {
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(baseAddress, $"/review/queues/{QueueId}/work").ToString(),
                new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
            // Decide only once the circuit has taken over from the prerendered page.
            await page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            var view = page.GetByTestId("job-view");
            var failures = 0;
            while (!killing)
            {
                await Assertions.Expect(view).ToHaveAttributeAsync("data-job", new System.Text.RegularExpressions.Regex(".+"), new() { Timeout = 60_000 });
                var job = (await view.GetAttributeAsync("data-job"))!;
                try
                {
                    // A loaded machine may take seconds per decision (the button stays disabled meanwhile): wait, and try again.
                    await page.GetByTestId("decision-ignore").ClickAsync(new() { Timeout = 30_000 });
                    await Assertions.Expect(view).Not.ToHaveAttributeAsync("data-job", job, new() { Timeout = 30_000 });

                    // The page also moves on when its claim lapsed (a loaded machine can miss a renewal of the short lease):
                    // only a page that said the decision was recorded acknowledged one.
                    var notice = await page.GetByTestId("work-notice").InnerTextAsync(new() { Timeout = 5_000 });
                    if (!killing && notice.Trim() == "Decision recorded.")
                    {
                        AcknowledgedDecisions.Add(job);
                    }

                    failures = 0;
                }
                catch (PlaywrightException) when (!killing && ++failures < 5)
                {
                }
            }
        }
        catch (Exception ex) when (!killing && ex is PlaywrightException or System.TimeoutException)
        {
            ErrorsBeforeKill.Enqueue("decision: " + ex.Message);
            throw;
        }
        catch (Exception) when (killing || stop.IsCancellationRequested)
        {
            // The process was killed under the page: what it acknowledged before is recorded.
        }
    }

    private sealed record Seed(string ApiKey, IReadOnlyList<string> Reviewers);

    /// <summary>Migrates and fills the database through an in-process app that is gone before the first node starts.</summary>
    private async Task<Seed> SeedAsync()
    {
        var configuration = database!.Settings();
        configuration["Outbound:AllowedNetworks:0"] = "127.0.0.0/8";
        await using var app = new CoopAppFactory(configuration);
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator, DefaultRoles.ChildSafetyModerator);
        OrganizationId = org;
        var reviewers = new List<string> { OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator) };
        foreach (var email in new[] { "reviewer-2@acme.example", "reviewer-3@acme.example" })
        {
            await OrganizationBuilder.AddUserAsync(app, org, email, DefaultRoles.Moderator);
            reviewers.Add(email);
        }

        await ItemTypeBuilder.CreateAsync(app, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        var key = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(org, "crash test", null, "test", null, default);
        Receiver.PublicKeyPem = await app.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(org);
        await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), s => s.SendAsync<SaveNcmecSettingsCommand, NcmecSettingsView>(
            new SaveNcmecSettingsCommand(NcmecScenario.Values(), new NcmecCredentialChange(Tipline.Username, Tipline.Password),
                new NcmecCredentialChange(Tipline.Username, Tipline.Password))));
        var childSafety = OrganizationBuilder.EmailFor("Acme", DefaultRoles.ChildSafetyModerator);

        // One Data Protection key before the nodes start, so the restarted node reads the same cookies.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("crash-test").Protect("key");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        var reviewSettings = await db.ReviewSettings.SingleOrDefaultAsync(s => s.OrganizationId == org);
        if (reviewSettings is null)
        {
            reviewSettings = ReviewSettings.DefaultsFor(org);
            db.ReviewSettings.Add(reviewSettings);
        }

        reviewSettings.SetCallbacks(Receiver.UrlFor("/ignore").ToString(), null);
        var queue = ReviewQueue.Create(org, "Crash queue", null, QueueKind.Standard, QueueOrdering.Age, false, now);
        db.ReviewQueues.Add(queue);
        QueueId = queue.Id;
        for (var i = 0; i < ReviewJobs; i++)
        {
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", $"queued-{i:D4}", JobSource.Report, now.AddSeconds(-ReviewJobs + i)));
        }

        var reviewerId = await db.Users.Where(u => u.Email == childSafety).Select(u => u.Id).SingleAsync();
        var created = TimeProvider.System.GetUtcNow().AddHours(-2);
        for (var i = 0; i < Submissions; i++)
        {
            var media = new NcmecReportedMedia($"csam-{i}", "post", "image", images!.UrlFor("a.jpg"), NcmecIndustryClassification.A1,
                NcmecFileAnnotations.None, created, "192.0.2.10", [new CyberTipFileHash("MD5", new string('a', 32))], Viewed: true);
            var request = new NcmecReportRequest($"user-{i}", "user", NcmecIncidentType.ChildPornography, null, "Reviewer note.", [media], []);
            var id = Guid.NewGuid().ToString("N");
            db.NcmecSubmissions.Add(NcmecSubmission.Create(id, org, "job-" + id, reviewerId, NcmecEnvironment.Test, request, now.AddSeconds(i)));
        }

        await db.SaveChangesAsync();
        return new Seed(key.PlainKey, reviewers);
    }

    private static async Task<IBrowserContext> SignedInContextAsync(BrowserFixture browser, Uri baseAddress, string email)
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        using (var client = new HttpClient(handler) { BaseAddress = baseAddress })
        {
            await FormSignIn.SignInAsync(client, email, OrganizationBuilder.Password);
        }

        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync(cookies.GetCookies(baseAddress).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = baseAddress.ToString(),
            HttpOnly = c.HttpOnly,
        }));
        return context;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    public async ValueTask DisposeAsync()
    {
        releaseFinish.TrySetResult();
        if (first is not null)
        {
            await first.DisposeAsync();
        }

        if (Restarted is not null)
        {
            await Restarted.DisposeAsync();
        }

        foreach (var disposable in new IAsyncDisposable?[] { Receiver, Tipline, images, database })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }

        if (mediaFolder is not null && Directory.Exists(mediaFolder))
        {
            Directory.Delete(mediaFolder, recursive: true);
        }
    }
}
