using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

[Trait("Category", "E2E")]
public sealed partial class ApiKeysPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_rotates_the_key_sees_it_once_and_the_old_key_stops_working()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var console = session.Console;

        await console.GotoAsync("/settings/api-keys");
        await console.WaitForShellAsync();
        await console.Page.GetByTestId("api-key-rotate").ClickAsync();
        var value = console.Page.GetByTestId("api-key-value");
        await Assertions.Expect(value).ToHaveValueAsync(KeyPattern());
        var firstKey = await value.InputValueAsync();

        await console.Page.GetByTestId("api-key-rotate").ClickAsync();
        var confirm = console.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true });
        await confirm.WaitForAsync();
        await console.ScreenshotAsync("api-keys-confirm");
        await confirm.ClickAsync();
        await Assertions.Expect(value).Not.ToHaveValueAsync(firstKey);
        var secondKey = await value.InputValueAsync();
        await Assertions.Expect(console.Page.GetByTestId($"api-key-status-{firstKey[..8]}")).ToHaveTextAsync("Revoked");
        await Assertions.Expect(console.Page.GetByTestId($"api-key-status-{secondKey[..8]}")).ToHaveTextAsync("Active");
        await console.ScreenshotAsync("api-keys");

        var authenticator = session.App.Services.GetRequiredService<ApiKeyAuthenticator>();
        Assert.Null(await authenticator.AuthenticateAsync(Request(firstKey), TestContext.Current.CancellationToken));
        Assert.NotNull(await authenticator.AuthenticateAsync(Request(secondKey), TestContext.Current.CancellationToken));

        await console.Page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(console.Page.GetByTestId("api-key-issued")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secondKey, await console.Page.ContentAsync(), StringComparison.Ordinal);
    }

    private static HttpRequest Request(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ApiKeyAuthenticator.HeaderName] = key;
        return context.Request;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex KeyPattern();
}
