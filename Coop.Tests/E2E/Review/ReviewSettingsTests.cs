using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Review;

[Trait("Category", "E2E")]
public sealed class ReviewSettingsTests(BrowserFixture browser)
{
    private const string Secret = "appeal-secret-value";

    [Fact]
    public async Task An_admin_sets_decision_rules_callbacks_and_the_strike_window_and_the_header_value_is_never_shown_again()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/review");
        await console.WaitForShellAsync();
        var page = console.Page;

        await page.GetByTestId("review-require-policy").CheckAsync();
        await page.GetByTestId("review-appeal-url").FillAsync("ftp://platform.example/appeals");
        await page.GetByTestId("review-strike-ttl").FillAsync("30");
        await page.GetByTestId("review-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter an absolute http:// or https:// URL.")).ToBeVisibleAsync();

        await page.GetByTestId("review-appeal-url").FillAsync("https://platform.example/appeals");
        await page.GetByTestId("header-add").ClickAsync();
        await page.GetByTestId("header-name-0").FillAsync("Authorization");
        await page.GetByTestId("header-value-0").FillAsync(Secret);
        await page.GetByTestId("review-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("header-value-hidden-0")).ToHaveTextAsync("••••");
        await console.ScreenshotAsync("review-settings");

        await page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("review-appeal-url")).ToHaveValueAsync("https://platform.example/appeals");
        await Assertions.Expect(page.GetByTestId("review-strike-ttl")).ToHaveValueAsync("30");
        await Assertions.Expect(page.GetByTestId("review-require-policy")).ToBeCheckedAsync();
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByTestId("review-reason-ignore").CheckAsync();
        await page.GetByTestId("review-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the review console settings.")).ToBeVisibleAsync();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var settings = await db.ReviewSettings.SingleAsync(s => s.OrganizationId == org, TestContext.Current.CancellationToken);
        var secrets = app.Services.GetRequiredService<Coop.Infrastructure.Secrets.SecretHeaderValues>();
        Assert.True(Coop.Infrastructure.Secrets.SecretHeaderValues.IsProtected(settings.AppealHeaders.Single().Value)); // encrypted at rest
        Assert.Equal(("Authorization", Secret), (settings.AppealHeaders.Single().Name, secrets.Reveal(settings.AppealHeaders.Single().Value)));
        Assert.True(settings.RequireReasonOnIgnore && settings.RequirePolicyForDecisions);
        Assert.Equal(30, (await db.Organizations.SingleAsync(o => o.Id == org, TestContext.Current.CancellationToken)).StrikeTtlDays);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "review-settings.updated", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken), d => d != null && d.Contains(Secret, StringComparison.Ordinal));
    }
}
