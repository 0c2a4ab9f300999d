using Coop.Domain.Authorization;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Webhooks;

[Trait("Category", "E2E")]
public sealed class DeliveryLogTests(BrowserFixture browser)
{
    private const string Secret = "Bearer top-secret-header-value";

    [Fact]
    public async Task An_admin_sees_deliveries_and_attempts_without_header_values_and_retries_a_failed_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await app.CreateOrganizationAsync("Acme");
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        var headers = $"{{\"Authorization\":\"{Secret}\"}}";
        var delivered = await app.EnqueueAsync(org, receiver.UrlFor("/hooks/ok"), "{\"item\":{\"id\":\"post-1\"}}", headers, "post-1");
        await app.WaitForStatusAsync(delivered, OutboxStatus.Delivered);
        receiver.SuccessStatus = 404;
        var failed = await app.EnqueueAsync(org, receiver.UrlFor("/hooks/missing?token=query-secret"), "{\"item\":{\"id\":\"post-2\"}}", headers, "post-2");
        await app.WaitForStatusAsync(failed, OutboxStatus.Failed);
        receiver.SuccessStatus = 200;

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/actions/deliveries");
        await console.WaitForShellAsync();

        var page = console.Page;
        await Assertions.Expect(page.GetByTestId($"delivery-row-{delivered}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"delivery-row-{failed}").GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Failed");
        await Assertions.Expect(page.GetByTestId("filter-failed")).ToHaveTextAsync("Failed (1)");
        await console.ScreenshotAsync("deliveries-log");

        await page.GetByTestId("filter-failed").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"delivery-row-{delivered}")).ToHaveCountAsync(0);
        await page.GetByTestId($"delivery-open-{failed}").ClickAsync();
        var details = page.GetByTestId("delivery-details");
        await Assertions.Expect(details.GetByTestId("attempt-1")).ToContainTextAsync("404");
        await Assertions.Expect(details.GetByTestId("delivery-header-names")).ToContainTextAsync("Authorization");
        await Assertions.Expect(details.GetByTestId("delivery-body")).ToHaveTextAsync("{\"item\":{\"id\":\"post-2\"}}");
        await Assertions.Expect(details.GetByTestId("delivery-target")).ToHaveTextAsync(receiver.UrlFor("/hooks/missing").ToString());
        var html = await page.ContentAsync();
        Assert.DoesNotContain("top-secret-header-value", html, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", html, StringComparison.Ordinal);
        await console.ScreenshotAsync("deliveries-details-failed");

        await details.GetByTestId("delivery-retry").ClickAsync();
        await app.WaitForStatusAsync(failed, OutboxStatus.Delivered);
        await page.GetByTestId("filter-all").ClickAsync();
        await Assertions.Expect(details.GetByTestId("attempt-2")).ToContainTextAsync("200");
        await Assertions.Expect(page.GetByTestId($"delivery-row-{failed}").GetByTestId("delivery-attempts")).ToHaveTextAsync("2");
        await console.ScreenshotAsync("deliveries-after-retry");

        await using var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "webhook.retried" && a.TargetId == failed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_admin_downloads_and_rotates_the_signing_key_after_confirming()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var baseAddress = app.App.StartOnRealPort();
        var org = await app.CreateOrganizationAsync("Acme");
        var original = await app.PublicKeyAsync(org);

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/actions/signing-key");
        await console.WaitForShellAsync();
        var page = console.Page;
        await Assertions.Expect(page.GetByTestId("signing-key-pem")).ToHaveTextAsync(original.Trim());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("signing-key-download").ClickAsync());
        Assert.Equal(original, await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Equal("/actions/signing-key", console.Path);

        await page.GetByTestId("signing-key-rotate").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(original, await app.PublicKeyAsync(org));

        await page.GetByTestId("signing-key-rotate").ClickAsync();
        await console.ScreenshotAsync("signing-key-confirm");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signing-key-retired")).ToContainTextAsync(original.Split('\n')[1]);
        var rotated = await app.PublicKeyAsync(org);
        Assert.NotEqual(original, rotated);
        await Assertions.Expect(page.GetByTestId("signing-key-pem")).ToHaveTextAsync(rotated.Trim());
        await console.ScreenshotAsync("signing-key-rotated");

        await using var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "webhook-signing-key.rotated" && a.OrganizationId == org, TestContext.Current.CancellationToken));
    }
}
