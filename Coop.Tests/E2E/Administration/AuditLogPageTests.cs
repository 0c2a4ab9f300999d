using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

[Trait("Category", "E2E")]
public sealed class AuditLogPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_edits_the_organization_then_finds_filters_compares_and_exports_the_entry()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var console = session.Console;
        var page = console.Page;

        // Hostile text in the log is shown as text.
        await using (var db = await session.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 60; i++)
            {
                db.AuditEntries.Add(AuditEntry.Record(session.OrganizationId, null, "system", "rule.updated", "rule", $"r{i}", $"<b>rule {i}</b>", TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-60 + i)));
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await console.GotoAsync("/settings");
        await console.WaitForShellAsync();
        await page.GetByTestId("org-name").FillAsync("Acme Social");
        await page.GetByTestId("org-oncall").FillAsync("not-an-email");
        await page.GetByTestId("org-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter a valid on-call alert email address")).ToBeVisibleAsync();
        await page.GetByTestId("org-oncall").FillAsync("oncall@acme.example");
        await page.GetByTestId("org-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the organization details.")).ToBeVisibleAsync();

        await console.GotoAsync("/settings/audit");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("audit-row-action")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByTestId("audit-row-action").First).ToHaveTextAsync("organization.updated");
        await page.GetByTestId("audit-older").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-row-action").First).ToHaveTextAsync("rule.updated");
        await Assertions.Expect(page.GetByText("<b>rule 10</b>", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByTestId("audit-action").FillAsync("organization.");
        await page.GetByTestId("audit-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-row-action")).ToHaveCountAsync(2); // created, updated
        await page.GetByTestId("audit-row-diff").First.ClickAsync();
        var changed = page.GetByTestId("audit-diff-line").Filter(new() { HasText = "OnCallAlertEmail" });
        await Assertions.Expect(changed).ToContainTextAsync("oncall@acme.example");
        await Assertions.Expect(page.GetByTestId("audit-diff-line").Filter(new() { HasText = "Acme Social" })).ToHaveCountAsync(1);

        await page.GetByTestId("audit-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-chain-status")).ToContainTextAsync("Chain intact");
        await console.ScreenshotAsync("audit-log");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("audit-export").ClickAsync());
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path!, TestContext.Current.CancellationToken);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,occurred_at_utc", lines[0], StringComparison.Ordinal);
        Assert.Contains("organization.updated", lines[1], StringComparison.Ordinal);
        Assert.Contains("organization.created", lines[2], StringComparison.Ordinal);
    }
}
