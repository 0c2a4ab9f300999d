using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Actions;

[Trait("Category", "E2E")]
public sealed class RunActionTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_moderator_runs_an_action_from_the_console_and_the_platform_receives_it_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator);
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ItemTypeBuilder.Fields("CONTENT", ("text", "STRING", true)));
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(org, "suspend", new ActionDefinitionDetails(
                "Suspend", "Suspends the account for some days.", ["post"], receiver.UrlFor("/hooks/suspend").ToString(), [], null, false,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 30)]), now));
            db.Policies.Add(Policy.Create(org, "spam", new PolicyDetails("Spam", null, null, null, Penalty.Low, 1, false), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(moderator, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("nav-run-action").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-action-description")).ToHaveTextAsync("Suspends the account for some days.");

        await page.GetByTestId("run-action-item-id").FillAsync("p-42");
        await page.GetByTestId("run-action-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("A value is required.")).ToBeVisibleAsync();
        await console.ScreenshotAsync("run-action-missing-parameter");
        Assert.Empty(receiver.Requests);

        await page.GetByTestId("run-param-days").FillAsync("3");
        await page.GetByTestId("run-action-policies").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Spam", new() { Exact = true }).ClickAsync();
        await page.GetByText("Run an action", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByTestId("run-action-note").FillAsync("third strike this week");
        await Assertions.Expect(page.GetByTestId("run-action-note")).ToHaveValueAsync("third strike this week");
        await page.GetByTestId("run-action-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-action-done")).ToContainTextAsync("Ran Suspend on Post p-42");
        await console.ScreenshotAsync("run-action-done");

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(delivered.SignatureValid);
        var body = JsonNode.Parse(delivered.Body)!.AsObject();
        Assert.Equal("""{"id":"p-42","typeId":"post","typeName":"Post"}""", body["item"]!.ToJsonString());
        Assert.Equal("""{"days":3}""", body["custom"]!.ToJsonString());
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"LOW"}]""", body["policies"]!.ToJsonString());
        Assert.Equal(moderator, (string)body["actorEmail"]!);
        Assert.Equal("third strike this week", (string)body["actorNote"]!);
    }
}
