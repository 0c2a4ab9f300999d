using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Rules;

/// <summary>The "Report matches to NCMEC" switch of a hash bank: set when creating, shown in the list, cleared when editing.</summary>
[Trait("Category", "E2E")]
public sealed class HashBankNcmecFlagPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_rules_manager_flags_a_bank_to_report_matches_to_NCMEC_and_later_clears_it()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.RulesManager);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        async Task<bool> FlagAsync()
        {
            await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            return (await db.HashBanks.SingleAsync(TestContext.Current.CancellationToken)).ReportMatchesToNcmec;
        }

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        var page = console.Page;
        await console.GotoAsync("/rules/banks/hash");
        await console.WaitForShellAsync();

        await page.GetByTestId("hash-bank-new").ClickAsync();
        await page.GetByTestId("hash-bank-name").FillAsync("NCMEC hash list");
        await page.GetByText("Report matches to NCMEC", new() { Exact = true }).ClickAsync();
        await console.ScreenshotAsync("ncmec-gaps-hash-bank-form");
        await page.GetByTestId("hash-bank-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-bank-row-ncmec")).ToHaveTextAsync("Reports to NCMEC");
        Assert.True(await FlagAsync());

        await page.GetByTestId("hash-bank-edit").ClickAsync();
        await page.GetByText("Report matches to NCMEC", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("hash-bank-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-bank-row-ncmec")).ToHaveCountAsync(0);
        Assert.False(await FlagAsync());
    }
}
