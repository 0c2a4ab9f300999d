using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Rules;

[Trait("Category", "E2E")]
public sealed class RuleEditorTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_rules_manager_builds_a_rule_with_a_nested_condition_and_finds_it_in_the_list()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.RulesManager);
        await ItemTypeBuilder.CreateAsync(session.App, session.OrganizationId, "post", "Post", ApiFixture.PostSchema);
        var console = session.Console;
        var page = console.Page;

        await console.GotoAsync("/rules");
        await Assertions.Expect(page.GetByTestId("rules-empty")).ToBeVisibleAsync();
        await page.GetByTestId("rules-new").ClickAsync();
        await page.GetByTestId("rule-name").FillAsync("Casino spam");
        await page.GetByTestId("rule-description").FillAsync("Gambling promotions from fresh accounts");
        await page.GetByTestId("rule-item-types").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Post" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        // Saving without a condition is refused with the reason shown on the tree.
        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cond-error-root")).ToContainTextAsync("at least one condition");

        await page.GetByTestId("cond-add-condition-root").ClickAsync();
        await page.GetByTestId("cond-value-0").FillAsync("casino");
        await page.GetByTestId("cond-add-group-root").ClickAsync();
        await page.GetByTestId("cond-value-1-0").FillAsync("free spins");
        await page.GetByTestId("cond-add-condition-1").ClickAsync();
        await page.GetByTestId("cond-input-1-1").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Item field" }).ClickAsync();
        await page.GetByTestId("cond-field-1-1").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "score" }).ClickAsync();
        await page.GetByTestId("cond-comparator-1-1").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "≥", Exact = true }).ClickAsync();
        await page.GetByTestId("cond-value-1-1").FillAsync("10");
        await page.GetByTestId("rule-tags").FillAsync("spam, gambling");
        await console.ScreenshotAsync("rule-editor");

        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-version")).ToHaveTextAsync("version 1");
        await Assertions.Expect(page.GetByTestId("rule-versions")).ToContainTextAsync("rules-manager@acme.example");
        await console.ScreenshotAsync("rule-saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).First.ClickAsync();
        var row = page.Locator("tr[data-testid^=rule-row-]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync("Casino spam");
        await Assertions.Expect(row.First).ToContainTextAsync("Draft");
        await Assertions.Expect(row.First).ToContainTextAsync("Post");
        await console.ScreenshotAsync("rules-list");

        await using var db = await session.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var rule = await db.Rules.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["gambling", "spam"], rule.TagList.Order(StringComparer.Ordinal));
        Assert.Equal(ConditionEvaluator.Serialize(new ConditionSet(Conjunction.And,
        [
            new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["casino"]),
            new ConditionSet(Conjunction.Or,
            [
                new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["free spins"]),
                new LeafCondition(ConditionInput.ItemField, Comparator.GreaterOrEqual, ["10"], "score"),
            ]),
        ])), rule.ConditionJson);
    }
}
