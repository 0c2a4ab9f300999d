using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Dashboards;

/// <summary>
/// Issue 9: a decision in one browser moves the lead's dashboard in another within a second, without a reload; screenshots
/// of the overview, charts, transparency report and wall display over a week of roll-up history.
/// </summary>
[Trait("Category", "E2E")]
public sealed class DashboardLiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_decision_in_one_browser_moves_the_dashboard_in_another_within_a_second()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator, DefaultRoles.ModeratorManager);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", """{ "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true } ] }""");
        var ct = TestContext.Current.CancellationToken;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        string spamQueue;
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(ct))
        {
            var spam = ReviewQueue.Create(org, "Spam & scams", null, QueueKind.Standard, QueueOrdering.Age, true, now);
            var harassment = ReviewQueue.Create(org, "Harassment", null, QueueKind.Standard, QueueOrdering.Priority, false, now);
            var appeals = ReviewQueue.Create(org, "Appeals (EU)", null, QueueKind.Appeals, QueueOrdering.Age, true, now);
            db.ReviewQueues.AddRange(spam, harassment, appeals);
            db.QueueDashboardSettings.AddRange(
                QueueDashboardSetting.Create(org, spam.Id, 60, now), QueueDashboardSetting.Create(org, harassment.Id, 30, now), QueueDashboardSetting.Create(org, appeals.Id, 24 * 60, now));
            foreach (var (policy, name) in new[] { ("spam", "Spam"), ("harassment", "Harassment"), ("violence", "Violent threats") })
            {
                db.Policies.Add(Policy.Create(org, policy, new PolicyDetails(name, null, null, null, Penalty.Medium, 1, false), now));
            }

            foreach (var (action, name) in new[] { ("remove", "Remove post"), ("ban", "Ban user"), ("warn", "Warn user") })
            {
                db.Actions.Add(ActionDefinition.CreateCustom(org, action, new ActionDefinitionDetails(name, null, ["post"], "https://platform.example/" + action, [], null, false), now));
            }

            await db.SaveChangesAsync(ct);
            for (var i = 1; i <= 3; i++)
            {
                await JobEnqueuer.EnqueueAsync(db, org, "post", $"p{i}", JobSource.Report, ["spam"], null, spam.Id, QueueKind.Standard, "test", now.AddMinutes(-5 * i), null, ct);
            }

            for (var i = 1; i <= 4; i++)
            {
                await JobEnqueuer.EnqueueAsync(db, org, "post", $"h{i}", JobSource.Report, ["harassment"], null, harassment.Id, QueueKind.Standard, "test", now.AddMinutes(-12 * i), null, ct);
            }

            await JobEnqueuer.EnqueueAsync(db, org, "post", "a1", JobSource.Appeal, [], null, appeals.Id, QueueKind.Appeals, "test", now.AddHours(-3), null, ct);
            await db.SaveChangesAsync(ct);
            spamQueue = spam.Id;
            await DashboardHistory.SeedAsync(db, org, [spam.Id, harassment.Id, appeals.Id], now, ct);
        }

        await using var moderatorContext = await browser.NewContextAsync();
        await using var leadContext = await browser.NewContextAsync();
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);
        var lead = new ConsolePage(await leadContext.NewPageAsync(), baseAddress);
        await lead.Page.SetViewportSizeAsync(1600, 1000);
        await SignInAsync(moderator, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await SignInAsync(lead, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager));

        await lead.GotoAsync("/dashboards");
        await lead.WaitForShellAsync();
        var row = lead.Page.Locator($"[data-testid=queue-row][data-queue-id='{spamQueue}']");
        await Assertions.Expect(row.GetByTestId("queue-pending")).ToHaveTextAsync("3");
        var decidedBefore = int.Parse(await row.GetByTestId("queue-decisions").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(row.GetByTestId("queue-active")).ToHaveTextAsync("0");

        await moderator.GotoAsync($"/review/queues/{spamQueue}/work");
        await moderator.WaitForShellAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("job-view")).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("queue-active")).ToHaveTextAsync("1", new() { Timeout = 1000 });
        var first = await moderator.Page.GetByTestId("job-view").GetAttributeAsync("data-job");
        await moderator.Page.Keyboard.PressAsync("i");
        await Assertions.Expect(moderator.Page.GetByTestId("job-view")).Not.ToHaveAttributeAsync("data-job", first!);

        // Pushed through the circuit: no reload, and within a second of the decision.
        await Assertions.Expect(row.GetByTestId("queue-decisions")).ToHaveTextAsync((decidedBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 1000 });
        await Assertions.Expect(row.GetByTestId("queue-pending")).ToHaveTextAsync("2", new() { Timeout = 1000 });
        await lead.ScreenshotAsync("dashboard-overview", fullPage: true);

        // SLA breach is coloured: Harassment's oldest job (48 min) is past its 30-minute SLA.
        await Assertions.Expect(lead.Page.Locator("[data-testid=queue-row]").Filter(new() { HasText = "Harassment" }).GetByTestId("sla-breached")).ToBeVisibleAsync();

        await lead.GotoAsync("/dashboards/charts?tz=Europe/Berlin&window=week");
        await lead.WaitForShellAsync();
        await Assertions.Expect(lead.Page.GetByTestId("chart-actions-policy").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(lead.Page.GetByTestId("zone")).ToContainTextAsync("Europe/Berlin");
        await lead.ScreenshotAsync("dashboard-charts", fullPage: true);

        await lead.GotoAsync("/dashboards/transparency?tz=UTC");
        await lead.WaitForShellAsync();
        await Assertions.Expect(lead.Page.GetByTestId("notices-table")).ToContainTextAsync("Harassment");
        await lead.ScreenshotAsync("dashboard-transparency", fullPage: true);
        await lead.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await lead.ScreenshotAsync("dashboard-transparency-print", fullPage: true);
        await lead.Page.EmulateMediaAsync(new() { Media = Media.Screen });

        var csv = await lead.Page.APIRequest.GetAsync(new Uri(baseAddress, "/dashboards/export/queues.csv").ToString());
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.StartsWith("queue,kind,pending", text, StringComparison.Ordinal);
        Assert.Contains("Spam & scams,Standard,2,", text, StringComparison.Ordinal);

        await lead.Page.SetViewportSizeAsync(1920, 1080);
        await lead.GotoAsync($"/dashboards/wall?seconds=5&queue={spamQueue}");
        await Assertions.Expect(lead.Page.GetByTestId("wall-queue-name")).ToHaveTextAsync("Spam & scams");
        await Assertions.Expect(lead.Page.GetByTestId("wall-pending")).ToHaveTextAsync("2");
        await lead.ScreenshotAsync("dashboard-wall", fullPage: false);
        await lead.GotoAsync("/dashboards/wall?seconds=5");
        var shown = await lead.Page.GetByTestId("wall-queue-name").InnerTextAsync();
        await Assertions.Expect(lead.Page.GetByTestId("wall-queue-name")).Not.ToHaveTextAsync(shown, new() { Timeout = 8000 });
    }

    private static async Task SignInAsync(ConsolePage console, string email)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }
}

/// <summary>
/// Plausible roll-up history (a week unless told otherwise; for screenshots and manual checks), written straight into the
/// roll-ups. Given reviewer user ids, reviewer series go to those users and run up to the current hour.
/// </summary>
internal static class DashboardHistory
{
    public static async Task SeedAsync(
        CoopDbContext db, string org, IReadOnlyList<string> queues, DateTime nowUtc, CancellationToken cancellationToken, int days = 7,
        IReadOnlyList<string>? reviewers = null)
    {
        var random = new Random(9);
        var deltas = new List<CounterDelta>();
        string[] policies = ["spam", "harassment", "violence"];
        string[] actions = ["remove", "ban", "warn"];
        var start = DashboardTime.HourOf(nowUtc).AddDays(-days);
        var end = reviewers is null ? DashboardTime.HourOf(nowUtc).AddHours(-1) : DashboardTime.HourOf(nowUtc).AddHours(1);
        for (var hour = start; hour < end; hour = hour.AddHours(1))
        {
            var load = 0.4 + 0.6 * Math.Sin(Math.PI * ((hour.Hour + 18) % 24) / 24.0);
            for (var q = 0; q < queues.Count; q++)
            {
                var decided = (int)(random.Next(5, 25) * load / (q + 1));
                deltas.Add(new(org, DashboardSeries.QueueArrivals, hour, queues[q], string.Empty, decided + random.Next(0, 4)));
                deltas.Add(new(org, DashboardSeries.QueueDecisions, hour, queues[q], q == 2 ? "RejectAppeal" : "Action", decided * 2 / 3));
                deltas.Add(new(org, DashboardSeries.QueueDecisions, hour, queues[q], q == 2 ? "AcceptAppeal" : "Ignore", decided / 3));
                deltas.Add(new(org, DashboardSeries.QueueDepth, hour, queues[q], string.Empty, (long)(20 * load / (q + 1)) + random.Next(0, 6)));
                for (var i = 0; i < decided; i++)
                {
                    deltas.Add(new(org, DashboardSeries.QueueDecideWait, hour, queues[q], DurationHistogram.Key(DurationHistogram.BucketOf(TimeSpan.FromMinutes(random.Next(2, 90)))), 1));
                    var reviewer = reviewers is null ? "seed-reviewer-" + (i % 4) : reviewers[(i + q) % reviewers.Count];
                    deltas.Add(new(org, DashboardSeries.ReviewerHandle, hour, reviewer, DurationHistogram.Key(DurationHistogram.BucketOf(TimeSpan.FromSeconds(20 + random.Next(0, 300)))), 1));
                    if (reviewers is not null)
                    {
                        deltas.Add(new(org, DashboardSeries.ReviewerDecisions, hour, reviewer, i % 3 == 0 ? "Ignore" : "Action", 1));
                        deltas.Add(new(org, DashboardSeries.QueueClaimWait, hour, queues[q], DurationHistogram.Key(DurationHistogram.BucketOf(TimeSpan.FromMinutes(random.Next(1, 40)))), 1));
                    }
                }

                if (reviewers is not null && random.Next(0, 4) == 0)
                {
                    deltas.Add(new(org, DashboardSeries.QueueSkips, hour, queues[q], string.Empty, 1));
                    deltas.Add(new(org, DashboardSeries.ReviewerSkips, hour, reviewers[random.Next(reviewers.Count)], string.Empty, 1));
                }
            }

            for (var p = 0; p < policies.Length; p++)
            {
                deltas.Add(new(org, DashboardSeries.Reports, hour, policies[p], string.Empty, (long)(random.Next(2, 12) * load / (p + 1))));
                deltas.Add(new(org, DashboardSeries.ActionsManual, hour, policies[p], actions[p], (long)(random.Next(1, 8) * load)));
                deltas.Add(new(org, DashboardSeries.ActionsAutomated, hour, policies[p], actions[(p + 1) % 3], (long)(random.Next(0, 6) * load / (p + 1))));
                deltas.Add(new(org, DashboardSeries.TimeToAction, hour, string.Empty, DurationHistogram.Key(DurationHistogram.BucketOf(TimeSpan.FromMinutes(random.Next(3, 60)))), 1));
            }

            deltas.Add(new(org, DashboardSeries.Appeals, hour, string.Empty, string.Empty, random.Next(0, 3)));
            deltas.Add(new(org, DashboardSeries.AppealsDecided, hour, string.Empty, DashboardSeries.Overturned, random.Next(0, 2)));
            deltas.Add(new(org, DashboardSeries.AppealsDecided, hour, string.Empty, DashboardSeries.Upheld, random.Next(0, 4)));
            deltas.Add(new(org, DashboardSeries.StrikeThresholds, hour, string.Empty, string.Empty, random.Next(0, 10) == 0 ? 1 : 0));
        }

        await RollupWriter.ApplyAsync(db, deltas.Where(d => d.Series != DashboardSeries.QueueDepth), cancellationToken);
        await RollupWriter.SetAsync(db, deltas.Where(d => d.Series == DashboardSeries.QueueDepth), cancellationToken);
    }
}
