using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

[Trait("Category", "E2E")]
public sealed class RolesAndUsersPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Withdrawing_a_permission_takes_the_page_away_from_an_open_circuit_without_a_reload()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var moderatorEmail = "mod@acme.example";
        await OrganizationBuilder.AddUserAsync(session.App, session.OrganizationId, moderatorEmail, DefaultRoles.Moderator);
        var moderatorRole = await session.App.RoleIdAsync(session.OrganizationId, DefaultRoles.Moderator);

        await using var moderatorContext = await browser.NewContextAsync();
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), new Uri(session.Console.Page.Url));
        await moderator.GotoAsync("/account/login");
        await moderator.SignInAsync(moderatorEmail, OrganizationBuilder.Password);
        await moderator.WaitForShellAsync();
        await moderator.GotoAsync("/review");
        await moderator.WaitForShellAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("nav-review")).ToBeVisibleAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("access-denied")).ToHaveCountAsync(0);

        var admin = session.Console;
        await admin.GotoAsync("/settings/roles");
        await admin.WaitForShellAsync();
        await Assertions.Expect(admin.Page.GetByTestId("role-matrix")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("roles-matrix");
        await admin.Page.GetByTestId($"role-link-{DefaultRoles.Moderator}").ClickAsync();
        var toggle = admin.Page.GetByTestId($"role-perm-{Permissions.ViewMrt}");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-granted", "true");
        await admin.ScreenshotAsync("role-editor");
        await toggle.ClickAsync(new() { Force = true });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-granted", "false");

        // The moderator's page never reloads: the open circuit learns of the change and re-authorizes.
        await Assertions.Expect(moderator.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("nav-review")).ToHaveCountAsync(0);
        await moderator.ScreenshotAsync("role-revoked-circuit");
        Assert.Equal("/review", moderator.Path);

        await toggle.ClickAsync(new() { Force = true });
        await Assertions.Expect(moderator.Page.GetByTestId("nav-review")).ToBeVisibleAsync();
        Assert.NotEmpty(moderatorRole);
    }

    [Fact]
    public async Task An_admin_invites_by_link_and_the_invitee_accepts_in_the_browser()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var admin = session.Console;
        await admin.GotoAsync("/settings/users");
        await admin.WaitForShellAsync();
        await Assertions.Expect(admin.Page.GetByTestId("users-email-status")).ToContainTextAsync("Email is not configured");
        await admin.Page.GetByTestId("invite-email").FillAsync("newbie@acme.example");
        // No role is preselected (an invitation never gets a role nobody chose); a pick the circuit has not taken yet is made again.
        var roleSelect = admin.Page.GetByTestId("invite-role");
        await Assertions.Expect(roleSelect).Not.ToContainTextAsync("Analyst");
        for (var attempt = 0; attempt < 3 && !(await roleSelect.InnerTextAsync()).Contains("Analyst", StringComparison.Ordinal); attempt++)
        {
            await roleSelect.ClickAsync();
            await admin.Page.GetByRole(AriaRole.Option, new() { Name = "Analyst", Exact = true }).ClickAsync();
            try
            {
                await Assertions.Expect(roleSelect).ToContainTextAsync("Analyst", new() { Timeout = 3000 });
            }
            catch (PlaywrightException)
            {
                // Not taken: pick again.
            }
        }

        await admin.Page.GetByTestId("invite-create").ClickAsync();
        var link = admin.Page.GetByTestId("link-value");
        await Assertions.Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/account/invitation/"));
        var url = await link.InputValueAsync();
        await Assertions.Expect(admin.Page.GetByTestId("invitation-status-newbie@acme.example")).ToHaveTextAsync("Pending");
        // The role picked in the select is the invitation's role (the page preselects the last role otherwise).
        await Assertions.Expect(admin.Page.GetByTestId("invitation-role-newbie@acme.example")).ToHaveTextAsync("Analyst");
        await admin.ScreenshotAsync("users-page");

        await using var inviteeContext = await browser.NewContextAsync();
        var invitee = new ConsolePage(await inviteeContext.NewPageAsync(), new Uri(url));
        await invitee.Page.GotoAsync(url);
        await invitee.ScreenshotAsync("invitation-page");
        await Assertions.Expect(invitee.Page.GetByTestId("invitation-invalid")).ToHaveCountAsync(0);
        await Assertions.Expect(invitee.Page.GetByTestId("invitation-summary")).ToContainTextAsync("Analyst");
        await Assertions.Expect(invitee.Page.GetByTestId("invitation-summary")).ToContainTextAsync("newbie@acme.example");
        await invitee.Page.GetByTestId("invitation-first-name").FillAsync("Nova");
        await invitee.Page.GetByTestId("invitation-last-name").FillAsync("Newbie");
        await invitee.Page.GetByTestId("invitation-password").FillAsync("newbie password 99");
        await invitee.Page.GetByTestId("invitation-confirm").FillAsync("newbie password 99");
        await invitee.ScreenshotAsync("invitation-accept");
        await invitee.Page.GetByTestId("invitation-submit").ClickAsync();
        await invitee.WaitForShellAsync();
        Assert.Equal("/", invitee.Path);

        await admin.Page.ReloadAsync();
        await admin.WaitForShellAsync();
        await Assertions.Expect(admin.Page.GetByTestId("user-status-newbie@acme.example")).ToHaveTextAsync("Active");
        await Assertions.Expect(admin.Page.GetByTestId("user-last-sign-in-newbie@acme.example")).Not.ToHaveTextAsync("never");
        await admin.ScreenshotAsync("users-page-accepted");
    }
}
