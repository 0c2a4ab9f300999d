using System.Net;
using System.Xml.Linq;
using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Integration.ChildSafety;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.ChildSafety;

/// <summary>
/// From the review console to NCMEC: a child-safety moderator classifies a user's media by keyboard and submits; the
/// Quartz submission job (every second here) files the report with the app's real CyberTipline client to the fake
/// CyberTipline over HTTP; the reports page shows it. A plain moderator never sees the queue, the job or its media.
/// </summary>
[Trait("Category", "E2E")]
public sealed class NcmecFilingTests(BrowserFixture browser)
{
    /// <summary>A 120×80 checkerboard PNG; each file gets its name appended after IEND so their MD5s differ (browsers ignore trailing bytes).</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAHgAAABQCAIAAABd+SbeAAAArUlEQVR42u3bsQkAQAgDQAdzkp/YsdzB4hE8SB+4NiTy1TiVOc613gANGjRo0KBBgwYNGjRo0KBBgwYNGjRo0KBBgwYNeik0rD+9oEGDBg0aNGjQoEGDBg0aNGjQoEGDBg0aNGjQoEFvhYZlBQcNGjRo0KBBgwYNGjRo0KBBgwYNGjRo0KBBgwbtZwjLCg4aNGjQoEGDBg0aNGjQoEGDBg0aNGjQoEGDBg36LHQDLhIVYGeiJpoAAAAASUVORK5CYII=");

    private static readonly string[] MediaNames = ["e1.png", "e2.png", "e3.png"];

    private static readonly string[] Categories = ["A1", "A2", "B1", "B2", "None"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_keyboard_classified_NCMEC_job_is_filed_by_the_Quartz_job_over_HTTP_and_shown_filed_while_a_moderator_never_sees_it()
    {
        await using var s = await NcmecScenario.StartAsync(realPort: true, settings: new Dictionary<string, string?>
        {
            ["ChildSafety:Pipeline:Interval"] = "00:00:01",
        });
        var captures = Path.Combine(
            Environment.GetEnvironmentVariable(FakeCyberTipline.CaptureDirectoryVariable) is { Length: > 0 } root ? root : TestSettings.ArtifactsDirectory,
            "ncmec-filing-" + Guid.NewGuid().ToString("N")[..8]);
        s.Tipline.CaptureDirectory = captures;
        await s.ConfigureAsync();
        var baseAddress = s.BaseAddress!;
        foreach (var name in MediaNames)
        {
            await File.WriteAllBytesAsync(Path.Combine(s.Folder, name), [.. Png, .. System.Text.Encoding.ASCII.GetBytes(name)], Ct);
        }

        await ItemTypeBuilder.CreateAsync(s.App, s.OrganizationId, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(s.App, s.OrganizationId, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        using var platform = await PlatformClient.CreateAsync(s.App, s.OrganizationId);
        using (var items = await platform.PostAsync("/api/v1/items/async/", $$"""
            { "items": [ { "id": "p1", "typeId": "post", "data": { "text": "<script>alert(1)</script> older post", "author": { "id": "u1", "typeId": "user" }, "images": ["{{s.Images.UrlFor("e1.png")}}", "{{s.Images.UrlFor("e2.png")}}"] } } ] }
            """))
        {
            Assert.Equal(HttpStatusCode.Accepted, items.StatusCode);
        }

        await WaitAsync(s, async db => await db.Set<Coop.Domain.Items.Item>().AnyAsync(i => i.ItemId == "p1", Ct));
        using (var reported = await platform.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "r1", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
              "reportedForReason": { "reason": "please look", "csam": true },
              "reportedItem": { "id": "p2", "typeId": "post", "data": { "text": "reported post", "author": { "id": "u1", "typeId": "user" }, "images": ["{{s.Images.UrlFor("e3.png")}}"] } } }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        }

        await WaitAsync(s, async db => await db.Set<Report>().AnyAsync(r => r.JobId != null, Ct));
        string jobId;
        await using (var db = await s.Db())
        {
            jobId = (await (from j in db.ReviewJobs
                            join q in db.ReviewQueues on j.QueueId equals q.Id
                            where q.Kind == QueueKind.Ncmec && j.ItemTypeId == "user" && j.ItemId == "u1"
                            select j).SingleAsync(Ct)).Id;
        }

        var mediaUrls = MediaNames.Select(s.Images.UrlFor).ToList();
        var hitsBefore = s.Images.Hits.Values.Sum();

        // A plain moderator: no NCMEC queue, the job refused, the reports page refused — in the browser and over HTTP.
        await using (var moderatorContext = await browser.NewContextAsync())
        {
            var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);
            await SignInAsync(moderator, NcmecScenario.Moderator);
            await moderator.GotoAsync("/review");
            await moderator.WaitForShellAsync();
            await Assertions.Expect(moderator.Page.GetByTestId("review-queues")).ToBeVisibleAsync();
            await Assertions.Expect(moderator.Page.GetByText("Child safety (NCMEC)")).ToHaveCountAsync(0);
            await moderator.GotoAsync($"/review/jobs/{jobId}");
            await moderator.WaitForShellAsync();
            await Assertions.Expect(moderator.Page.GetByTestId("job-error")).ToContainTextAsync("child-safety access");
            await Assertions.Expect(moderator.Page.GetByTestId("ncmec-form")).ToHaveCountAsync(0);
            await Assertions.Expect(moderator.Page.Locator("img")).ToHaveCountAsync(0);
            await moderator.ScreenshotAsync("ncmec-filing-moderator-job");
            var html = await moderator.Page.ContentAsync();
            Assert.All(mediaUrls, url => Assert.DoesNotContain(url, html, StringComparison.Ordinal));
            await moderator.GotoAsync("/ncmec");
            await Assertions.Expect(moderator.Page.GetByTestId("ncmec-submissions")).ToHaveCountAsync(0);
            Assert.NotEqual("/ncmec", moderator.Path);
            await moderator.ScreenshotAsync("ncmec-filing-moderator-reports");

            // Over HTTP with the moderator's own session cookie: neither page hands over the job, its media or the reports.
            foreach (var path in new[] { $"/review/jobs/{jobId}", "/ncmec" })
            {
                var response = await moderatorContext.APIRequest.GetAsync(new Uri(baseAddress, path).ToString(), new() { MaxRedirects = 0 });
                var body = await response.TextAsync();
                Assert.All(mediaUrls, url => Assert.DoesNotContain(url, body, StringComparison.Ordinal));
                Assert.DoesNotContain("ncmec-medium", body, StringComparison.Ordinal);
                Assert.DoesNotContain("ncmec-submissions", body, StringComparison.Ordinal);
                if (path == "/ncmec")
                {
                    Assert.Equal(302, response.Status);
                    Assert.Contains("/access-denied", response.Headers["location"], StringComparison.Ordinal);
                }
            }

            Assert.Equal(hitsBefore, s.Images.Hits.Values.Sum());
        }

        // The child-safety moderator: the NCMEC queue, the job with every medium blurred; unblur one, classify by keyboard.
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await SignInAsync(console, NcmecScenario.ChildSafety);
        await console.GotoAsync("/review");
        await console.WaitForShellAsync();
        await Assertions.Expect(console.Page.GetByText("Child safety (NCMEC)").First).ToBeVisibleAsync();
        await console.GotoAsync($"/review/jobs/{jobId}");
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("job-claim").ClickAsync();
        var form = page.GetByTestId("ncmec-form");
        var cards = form.GetByTestId("ncmec-medium");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        var media = form.GetByTestId("media");
        foreach (var medium in await media.AllAsync())
        {
            await Assertions.Expect(medium).ToHaveAttributeAsync("data-blurred", "true");
        }

        var sources = new List<string>();
        foreach (var card in await cards.AllAsync())
        {
            sources.Add(Path.GetFileName(new Uri((await card.Locator("img").GetAttributeAsync("src"))!).AbsolutePath));
        }

        Assert.Equal(MediaNames, sources.Order(StringComparer.Ordinal));
        await cards.Nth(0).GetByTestId("media-toggle").ClickAsync();
        await Assertions.Expect(media.Nth(0)).ToHaveAttributeAsync("data-blurred", "false");

        // 1 = A1, 2 = A2, 3 = B1, 4 = B2, 0 = None; j / ArrowDown and k move between media.
        await cards.First.FocusAsync();
        await page.Keyboard.PressAsync("3");
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "B1");
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "A1");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(cards.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("4");
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-category", "B2");
        await page.Keyboard.PressAsync("0");
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-category", "None");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(cards.Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(cards.Nth(2)).ToHaveAttributeAsync("data-category", "A2");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(cards.Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "A1");
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-category", "None");

        // The reviewer sees each choice: the chosen button is filled and pressed, the others are not.
        foreach (var (index, chosen) in new[] { (0, "A1"), (1, "None"), (2, "A2") })
        {
            foreach (var option in Categories)
            {
                var button = cards.Nth(index).GetByTestId($"ncmec-category-{option}");
                await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", option == chosen ? "true" : "false");
                if (option == chosen)
                {
                    await Assertions.Expect(button).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
                }
                else
                {
                    await Assertions.Expect(button).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
                }
            }
        }

        await form.ScreenshotAsync(new() { Path = Path.Combine(TestSettings.ArtifactsDirectory, "ncmec-filing-form.png") });
        await form.GetByTestId("ncmec-incident-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = NcmecVocabulary.IncidentTypeText(NcmecIncidentType.ChildPornography) }).ClickAsync();
        await console.ScreenshotAsync("ncmec-filing-classified");
        await form.GetByTestId("ncmec-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-closed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-context-decision").First).ToContainTextAsync("NCMEC report");
        await console.ScreenshotAsync("ncmec-filing-decided");

        // The Quartz job files it: one finished report at the fake, holding the two classified files and not the "None" one.
        var filed = await WaitForFinishedReportAsync(s);
        string submissionId;
        await using (var db = await s.Db())
        {
            var submission = await db.NcmecSubmissions.AsNoTracking().SingleAsync(Ct);
            await WaitAsync(s, async d => await d.NcmecSubmissions.AnyAsync(x => x.Id == submission.Id && x.State == NcmecSubmissionState.Done, Ct));
            submission = await db.NcmecSubmissions.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((NcmecSubmissionState.Done, filed.ReportId, NcmecEnvironment.Test), (submission.State, submission.ReportId, submission.Environment));
            Assert.Contains(filed.ReportId, submission.ReceiptXml, StringComparison.Ordinal);
            submissionId = submission.Id;
        }

        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal((FakeReportState.Finished, 1), (report.State, report.FinishedCount));
        var expected = new Dictionary<string, string>(StringComparer.Ordinal) { [sources[0]] = "A1", [sources[2]] = "A2" };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), report.Files.Select(f => f.FileName).Order(StringComparer.Ordinal));
        foreach (var file in report.Files)
        {
            Assert.Equal(s.Md5Of(file.FileName), file.Md5);
            var details = XDocument.Parse(file.FileDetailsXml!).Root!;
            Assert.Equal(report.ReportId, details.Element("reportId")?.Value);
            Assert.Equal(file.FileId, details.Element("fileId")?.Value);
            Assert.Equal(expected[file.FileName], details.Element("industryClassification")?.Value);
            // Only the medium the reviewer unblurred is claimed as viewed; the other was classified blurred.
            Assert.Equal(file.FileName == sources[0] ? "true" : "false", details.Element("fileViewedByEsp")?.Value);
        }

        var reportXml = XDocument.Parse(report.ReportXml).Root!;
        Assert.Equal("u1", reportXml.Element("personOrUserReported")?.Element("espIdentifier")?.Value);
        Assert.Equal(NcmecVocabulary.IncidentTypeText(NcmecIncidentType.ChildPornography), reportXml.Element("incidentSummary")?.Element("incidentType")?.Value);
        Assert.Equal(["/submit", "/upload", "/fileinfo", "/upload", "/fileinfo", "/finish"], s.Tipline.Endpoints);

        // What the fake captured on disk (CYBERTIP_FAKE_CAPTURE_DIR or the directory set here): the three XML documents.
        var captured = Directory.GetFiles(captures, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, captured.Count);
        Assert.EndsWith("-submit.xml", captured[0], StringComparison.Ordinal);
        Assert.All(captured.Skip(1), f => Assert.EndsWith("-fileinfo.xml", f, StringComparison.Ordinal));
        Assert.Equal(report.ReportXml, await File.ReadAllTextAsync(Path.Combine(captures, captured[0]!), Ct));
        var capturedDetails = new List<string>();
        foreach (var name in captured.Skip(1))
        {
            capturedDetails.Add(await File.ReadAllTextAsync(Path.Combine(captures, name!), Ct));
        }

        Assert.Equal(report.Files.Select(f => f.FileDetailsXml!).Order(StringComparer.Ordinal), capturedDetails.Order(StringComparer.Ordinal));

        // The reports page shows it filed, with NCMEC's report id.
        await console.GotoAsync("/ncmec");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{submissionId}")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId($"ncmec-report-{submissionId}")).ToHaveTextAsync(report.ReportId);
        await Assertions.Expect(page.GetByTestId($"ncmec-env-{submissionId}")).ToHaveTextAsync("Test");
        await console.ScreenshotAsync("ncmec-filing-reports");
    }

    /// <summary>Waits for the fake to hold a finished report; a submission that failed instead ends the wait with its reason.</summary>
    private static async Task<FakeCyberTipReport> WaitForFinishedReportAsync(NcmecScenario s)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(45));
        while (true)
        {
            if (s.Tipline.Reports.FirstOrDefault(r => r.State == FakeReportState.Finished) is { } report)
            {
                return report;
            }

            await using (var db = await s.Db())
            {
                var failed = await db.NcmecSubmissions.AsNoTracking().Where(x => x.State == NcmecSubmissionState.Failed).Select(x => x.LastError).FirstOrDefaultAsync(Ct);
                Assert.True(failed is null, $"The submission failed instead of being filed: {failed}");
            }

            await Task.Delay(100, cts.Token);
        }
    }

    private static async Task SignInAsync(ConsolePage console, string email)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }

    private static async Task WaitAsync(NcmecScenario s, Func<CoopDbContext, Task<bool>> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = await s.Db())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
