using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Dashboards;

/// <summary>
/// Issue 9: the dashboards over 30 days of history, on a laptop (1366×768) and a wall screen (1920×1080): nothing overflows
/// the page sideways, chart axis labels do not overlap, every chart with data draws, the wall display fits its screen with
/// numbers big enough to read across a room, and times say which zone they are in. Screenshots of each page at both sizes.
/// </summary>
[Trait("Category", "E2E")]
public sealed class DashboardLayoutTests(BrowserFixture browser)
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task The_dashboards_fit_a_laptop_and_a_wall_screen_and_their_labels_do_not_collide()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.ModeratorManager);
        var ct = TestContext.Current.CancellationToken;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        string[] names = ["amira.haddad", "jonas.weber", "priya.nair", "tom.okafor", "li.wei", "sofia.rossi"];
        var reviewers = new List<string>();
        foreach (var name in names)
        {
            reviewers.Add(await OrganizationBuilder.AddUserAsync(app.App, org, $"{name}@acme.example", DefaultRoles.Moderator));
        }

        var queues = new List<ReviewQueue>();
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(ct))
        {
            queues.AddRange(
            [
                ReviewQueue.Create(org, "Spam & scams", null, QueueKind.Standard, QueueOrdering.Age, true, now),
                ReviewQueue.Create(org, "Harassment & bullying", null, QueueKind.Standard, QueueOrdering.Priority, false, now),
                ReviewQueue.Create(org, "Hate speech", null, QueueKind.Standard, QueueOrdering.Age, false, now),
                ReviewQueue.Create(org, "Violent threats (priority escalations)", null, QueueKind.Standard, QueueOrdering.Age, false, now),
                ReviewQueue.Create(org, "Appeals (EU)", null, QueueKind.Appeals, QueueOrdering.Age, false, now),
            ]);
            db.ReviewQueues.AddRange(queues);
            int?[] slas = [60, 30, 120, 15, 24 * 60];
            db.QueueDashboardSettings.AddRange(queues.Select((q, i) => QueueDashboardSetting.Create(org, q.Id, slas[i], now)));
            foreach (var (policy, name) in new[] { ("spam", "Spam"), ("harassment", "Harassment"), ("violence", "Violent threats") })
            {
                db.Policies.Add(Policy.Create(org, policy, new PolicyDetails(name, null, null, null, Penalty.Medium, 1, false), now));
            }

            foreach (var (action, name) in new[] { ("remove", "Remove post"), ("ban", "Ban user"), ("warn", "Warn user") })
            {
                db.Actions.Add(ActionDefinition.CreateCustom(org, action, new ActionDefinitionDetails(name, null, ["post"], "https://platform.example/" + action, [], null, false), now));
            }

            await db.SaveChangesAsync(ct);
            int[] pending = [1240, 37, 8, 3, 152];
            for (var q = 0; q < queues.Count; q++)
            {
                for (var i = 0; i < pending[q]; i++)
                {
                    await JobEnqueuer.EnqueueAsync(db, org, "post", $"q{q}-{i}", queues[q].Kind == QueueKind.Appeals ? JobSource.Appeal : JobSource.Report, ["spam"], null,
                        queues[q].Id, queues[q].Kind, "test", now.AddMinutes(-(i * 7 % 50) - (q == 1 ? 45 : 2)), null, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            await DashboardHistory.SeedAsync(db, org, [.. queues.Select(q => q.Id)], now, ct, days: 30, reviewers: reviewers);
        }

        // Two reviewers are working right now.
        var claims = app.App.Services.GetRequiredService<JobClaims>();
        Assert.NotNull(await claims.ClaimNextAsync(org, queues[0].Id, reviewers[0], ct));
        Assert.NotNull(await claims.ClaimNextAsync(org, queues[1].Id, reviewers[1], ct));

        await using var context = await browser.NewContextAsync();
        var lead = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await lead.GotoAsync("/account/login");
        await lead.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager), OrganizationBuilder.Password);
        await lead.WaitForShellAsync();
        var page = lead.Page;

        foreach (var (width, height) in new[] { (1366, 768), (1920, 1080) })
        {
            await page.SetViewportSizeAsync(width, height);

            await lead.GotoAsync("/dashboards");
            await lead.WaitForShellAsync();
            await Assertions.Expect(page.GetByTestId("reviewer-row").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("as-of")).ToContainTextAsync("UTC");
            Assert.True(await FitsSidewaysAsync(page), $"/dashboards scrolls sideways at {width}×{height}");
            await lead.ScreenshotAsync($"dashboards-overview-{width}", fullPage: true);

            foreach (var window in new[] { "day", "week", "month" })
            {
                await lead.GotoAsync($"/dashboards/charts?tz={Zone}&window={window}");
                await lead.WaitForShellAsync();
                await Assertions.Expect(page.GetByTestId("zone")).ToContainTextAsync(Zone);
                foreach (var chart in new[] { "chart-actions-policy", "chart-actions-action", "chart-decisions", "chart-depth", "chart-handle", "chart-overturn" })
                {
                    await Assertions.Expect(page.GetByTestId(chart).Locator("svg").First).ToBeVisibleAsync();
                    var overlaps = await OverlappingAxisLabelsAsync(page.GetByTestId(chart));
                    Assert.True(overlaps.Count == 0, $"{chart} ({window}, {width}×{height}) has overlapping axis labels: {string.Join(", ", overlaps)}");
                }

                Assert.True(await FitsSidewaysAsync(page), $"charts ({window}) scroll sideways at {width}×{height}");
                await lead.ScreenshotAsync($"dashboards-charts-{window}-{width}", fullPage: true);
            }

            await lead.GotoAsync($"/dashboards/transparency?tz={Zone}");
            await lead.WaitForShellAsync();
            await Assertions.Expect(page.GetByTestId("notices-table")).ToContainTextAsync("Harassment");
            Assert.True(await FitsSidewaysAsync(page), $"transparency report scrolls sideways at {width}×{height}");
            await lead.ScreenshotAsync($"dashboards-transparency-{width}", fullPage: true);

            await lead.GotoAsync($"/dashboards/wall?seconds=60&queue={queues[3].Id}");
            await Assertions.Expect(page.GetByTestId("wall-queue-name")).ToHaveTextAsync("Violent threats (priority escalations)");
            var wall = await page.EvaluateAsync<double[]>("""
                () => {
                    const px = id => parseFloat(getComputedStyle(document.querySelector(`[data-testid=${id}]`)).fontSize);
                    const strip = document.querySelector('.wall-strip').getBoundingClientRect();
                    const name = document.querySelector('[data-testid=wall-queue-name]');
                    return [px('wall-pending'), px('wall-decisions'), strip.bottom, window.innerHeight, name.scrollWidth - name.clientWidth,
                        parseFloat(getComputedStyle(document.querySelector('.wall-label')).fontSize)];
                }
                """);
            Assert.True(wall[2] <= wall[3], $"the wall's queue strip is cut off at {width}×{height} (bottom {wall[2]} of {wall[3]})");
            Assert.True(wall[0] >= height * 0.18, $"the wall's pending count is {wall[0]} px at {width}×{height}");
            Assert.True(wall[1] >= height * 0.07, $"the wall's secondary numbers are {wall[1]} px at {width}×{height}");
            Assert.True(wall[5] >= 20, $"the wall's labels are {wall[5]} px at {width}×{height}");
            Assert.True(wall[4] <= 0, $"the wall's queue name is cut off at {width}×{height}");
            await lead.ScreenshotAsync($"dashboards-wall-{width}", fullPage: false);
        }
    }

    private static Task<bool> FitsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");

    /// <summary>Pairs of labels on a chart's bottom row of text (its x axis) whose boxes overlap.</summary>
    private static async Task<IReadOnlyList<string>> OverlappingAxisLabelsAsync(ILocator chart) =>
        await chart.EvaluateAsync<string[]>("""
            card => {
                const texts = [...card.querySelectorAll('svg text')].map(t => ({ t: t.textContent.trim(), r: t.getBoundingClientRect() }))
                    .filter(x => x.t.length > 0 && x.r.width > 0);
                if (texts.length === 0) return [];
                const bottom = Math.max(...texts.map(x => Math.round(x.r.top)));
                const row = texts.filter(x => Math.abs(Math.round(x.r.top) - bottom) <= 2).sort((a, b) => a.r.left - b.r.left);
                const out = [];
                for (let i = 1; i < row.length; i++) {
                    if (row[i].r.left < row[i - 1].r.right - 0.5) out.push(`${row[i - 1].t} / ${row[i].t}`);
                }
                return out;
            }
            """);
}
