using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Strikes;

[Trait("Category", "E2E")]
public sealed class StrikeAndAppealSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sets_a_threshold_with_a_parameter_and_an_undo_action_for_appeals()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(org, "suspend", new ActionDefinitionDetails("Suspend account", null, [], "https://platform.example/suspend", [], null, false,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 30)]), now));
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails("Remove post", null, [], "https://platform.example/remove", [], null, true), now));
            db.Actions.Add(ActionDefinition.CreateCustom(org, "restore", new ActionDefinitionDetails("Restore post", null, [], "https://platform.example/restore", [], null, false), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/strikes");
        await console.WaitForShellAsync();
        var page = console.Page;

        await Assertions.Expect(page.GetByTestId("thresholds-empty")).ToBeVisibleAsync();
        await page.GetByTestId("threshold-add").ClickAsync();
        await page.GetByTestId("threshold-actions-0").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Suspend account", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("strike-thresholds").Locator("h2").ClickAsync();
        await page.GetByTestId("strike-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("A value is required.")).ToBeVisibleAsync();
        await page.GetByTestId("run-param-days").FillAsync("7");
        await page.GetByTestId("strike-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the strike thresholds.")).ToBeVisibleAsync();
        await console.ScreenshotAsync("settings-strikes");

        await page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("threshold-score-0")).ToHaveValueAsync("3");
        await Assertions.Expect(page.GetByTestId("run-param-days")).ToHaveValueAsync("7");

        await console.GotoAsync("/settings/appeals");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("appeals-no-callback")).ToBeVisibleAsync();
        await page.GetByTestId("appeals-enabled").ClickAsync();
        await page.GetByTestId("undo-add").ClickAsync();
        await page.GetByTestId("undo-appealed-0").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Remove post", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("undo-action-0").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Restore post", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("appeal-settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the appeal settings.")).ToBeVisibleAsync();
        await console.ScreenshotAsync("settings-appeals");

        await using var read = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var threshold = await read.StrikeThresholds.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((3, """["suspend"]""", """{"suspend":{"days":7}}"""), (threshold.Threshold, threshold.ActionIds, threshold.ActionParameters));
        var settings = await read.ReviewSettings.SingleAsync(TestContext.Current.CancellationToken);
        Assert.False(settings.AppealsEnabled);
        Assert.Equal("restore", settings.AppealUndoActions["remove"]);
    }
}
