using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Administration.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

/// <summary>After a verification finds the audit chain broken, admins see the alert on every console page.</summary>
[Trait("Category", "E2E")]
public sealed class AuditChainBannerTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sees_the_tampering_banner_on_the_home_page_once_verification_finds_a_break()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var console = session.Console;
        var page = console.Page;
        await console.GotoAsync("/");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("audit-chain-alert-banner")).ToHaveCountAsync(0);

        await using (var db = await session.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.AuditEntries.Add(AuditEntry.Record(session.OrganizationId, null, "system", "rule.updated", "rule", "r1", "<b>rule</b>", TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Details" = 'nothing to see' WHERE "Action" = 'rule.updated'""", TestContext.Current.CancellationToken);
        }

        var report = await session.App.Services.GetRequiredService<AuditChainCheck>().RunAsync(TestContext.Current.CancellationToken);
        Assert.False(report.Intact);

        await console.GotoAsync("/");
        await console.WaitForShellAsync();
        var banner = page.GetByTestId("audit-chain-alert-banner");
        await Assertions.Expect(banner).ToContainTextAsync("The audit log has been tampered with");
        await Assertions.Expect(banner).ToContainTextAsync("does not match its hash: it was edited.");
        await console.ScreenshotAsync("audit-chain-banner");
    }
}
