using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Administration.Sso;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

/// <summary>Single sign-on end to end: Chromium, Coop on a real port, and a real OpenID Connect provider (OpenIddict) on loopback.</summary>
[Trait("Category", "E2E")]
public sealed class SingleSignOnTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string ClientId = "coop-console";
    private const string ClientSecret = "idp-client-secret-91c4";
    private static readonly string Admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    private readonly CoopAppFactory app = new(new Dictionary<string, string?>
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Sso:AllowHttpAuthority"] = "true",
    });

    private OidcProvider idp = default!;
    private Uri baseAddress = default!;
    private string organizationId = string.Empty;

    public async ValueTask InitializeAsync()
    {
        idp = await OidcProvider.StartAsync();
        baseAddress = app.StartOnRealPort();
        organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await idp.RegisterClientAsync(ClientId, ClientSecret, new Uri(baseAddress, SsoSchemes.CallbackPathFor(organizationId)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await idp.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_configures_sso_and_a_new_user_is_provisioned_with_the_default_role()
    {
        idp.AddUser("nora@example.org", "Nora Newcomer");
        await using var adminContext = await browser.NewContextAsync();
        var console = new ConsolePage(await adminContext.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(Admin, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/sso");
        await console.WaitForShellAsync();
        var page = console.Page;

        await page.GetByTestId("sso-enabled").CheckAsync();
        await page.GetByTestId("sso-display-name").FillAsync("Test IdP");
        await page.GetByTestId("sso-authority").FillAsync(idp.Issuer.ToString());
        await page.GetByTestId("sso-client-id").FillAsync(ClientId);
        await page.GetByTestId("sso-client-secret").FillAsync(ClientSecret);
        await page.GetByTestId("sso-domains").FillAsync("example.org");
        await page.GetByTestId("sso-default-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Analyst", Exact = true }).ClickAsync();
        await page.GetByTestId("sso-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sso-test-result")).ToContainTextAsync("Found the provider", new() { Timeout = 30_000 });
        await page.GetByTestId("sso-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sso-secret-status")).ToContainTextAsync("Client secret set");
        await Assertions.Expect(page.GetByTestId("sso-redirect-uri")).ToHaveTextAsync(new Uri(baseAddress, SsoSchemes.CallbackPathFor(organizationId)).ToString());
        await console.ScreenshotAsync("settings-sso");
        Assert.DoesNotContain(ClientSecret, await page.ContentAsync(), StringComparison.Ordinal);

        await using var userContext = await browser.NewContextAsync();
        var newcomer = new ConsolePage(await userContext.NewPageAsync(), baseAddress);
        await newcomer.GotoAsync("/account/login");
        await Assertions.Expect(newcomer.Page.GetByTestId("sso-sign-in")).ToHaveTextAsync("Sign in with Test IdP");
        await newcomer.ScreenshotAsync("login-with-sso");
        await SignInAtProviderAsync(newcomer, "nora@example.org");
        await newcomer.WaitForShellAsync();

        await Assertions.Expect(newcomer.Page.GetByTestId("nav-investigation")).ToBeVisibleAsync();
        await Assertions.Expect(newcomer.Page.GetByTestId("nav-settings")).ToHaveCountAsync(0);
        await Assertions.Expect(newcomer.Page.GetByTestId("nav-review")).ToHaveCountAsync(0);
        var (user, roleKeys, logins) = await UserAsync("nora@example.org");
        Assert.Equal(("Nora", "Newcomer", organizationId), (user.FirstName, user.LastName, user.OrganizationId));
        Assert.Null(user.PasswordHash);
        Assert.Equal([DefaultRoles.Analyst], roleKeys);
        Assert.Equal(idp.Issuer.ToString(), Assert.Single(logins).LoginProvider);
    }

    [Fact]
    public async Task A_user_whose_email_domain_is_not_allowed_is_refused_with_a_message()
    {
        await ConfigureAsync(domains: ["example.org"]);
        idp.AddUser("mallory@elsewhere.test", "Mallory");
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");

        await SignInAtProviderAsync(console, "mallory@elsewhere.test");

        await Assertions.Expect(console.Page.GetByTestId("sso-error")).ToContainTextAsync("email domain is not allowed");
        Assert.Equal("/account/login", console.Path);
        await console.ScreenshotAsync("login-sso-domain-refused");
        Assert.False(await app.WithScopeAsync(async s => await s.GetRequiredService<UserManager<CoopUser>>().FindByEmailAsync("mallory@elsewhere.test") is not null));
    }

    [Fact]
    public async Task An_unverified_email_is_refused_and_an_existing_local_user_with_the_same_email_is_linked()
    {
        await ConfigureAsync(domains: []);
        var localId = await OrganizationBuilder.AddUserAsync(app, organizationId, "mo@example.org", DefaultRoles.Moderator);
        idp.AddUser("unverified@example.org", "Una", emailVerified: false);
        idp.AddUser("mo@example.org", "Mo Local");
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);

        await console.GotoAsync("/account/login");
        await SignInAtProviderAsync(console, "unverified@example.org");
        await Assertions.Expect(console.Page.GetByTestId("sso-error")).ToContainTextAsync("verified");

        await SignInAtProviderAsync(console, "mo@example.org");
        await console.WaitForShellAsync();
        await Assertions.Expect(console.Page.GetByTestId("nav-review")).ToBeVisibleAsync();

        var (user, roleKeys, logins) = await UserAsync("mo@example.org");
        Assert.Equal(localId, user.Id);
        Assert.NotNull(user.PasswordHash);
        Assert.Equal([DefaultRoles.Moderator], roleKeys);
        Assert.Single(logins);
        Assert.Equal(2, await app.WithScopeAsync(async s => await s.GetRequiredService<CoopDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task Sso_only_refuses_password_sign_in_except_for_the_break_glass_admin()
    {
        await OrganizationBuilder.AddUserAsync(app, organizationId, "pat@example.org", DefaultRoles.Admin);
        var adminId = await app.WithScopeAsync(async s => (await s.GetRequiredService<UserManager<CoopUser>>().FindByEmailAsync(Admin))!.Id);
        await ConfigureAsync(domains: [], ssoOnly: true, breakGlassUserId: adminId);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };

        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), TestContext.Current.CancellationToken);
        using var refused = await FormSignIn.PostAsync(client, "pat@example.org", OrganizationBuilder.Password, "/account/login?local=1");
        var refusedBody = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var allowed = await FormSignIn.PostAsync(client, Admin, OrganizationBuilder.Password, "/account/login?local=1");

        Assert.DoesNotContain("data-testid=\"login-password\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sso-only-note\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("single sign-on only", refusedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    private static async Task SignInAtProviderAsync(ConsolePage console, string email)
    {
        await console.Page.GetByTestId("sso-sign-in").ClickAsync();
        await console.Page.GetByTestId("idp-email").FillAsync(email);
        await console.Page.GetByTestId("idp-submit").ClickAsync();
    }

    private async Task ConfigureAsync(string[] domains, bool ssoOnly = false, string? breakGlassUserId = null)
    {
        var view = await app.AsUserAsync(Admin, s => s.AskAsync<GetSsoSettingsQuery, SsoSettingsView>(new GetSsoSettingsQuery()));
        await app.AsUserAsync(Admin, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(new SaveSsoSettingsCommand(
            true, SsoProviderKind.GenericOidc, "Test IdP", idp.Issuer.ToString(), null, null, ClientId, ClientSecret, false, null, domains,
            view.Roles.Single(r => r.Label == "Analyst").Id, ssoOnly, breakGlassUserId)));
    }

    private Task<(CoopUser User, List<string> RoleKeys, List<IdentityUserLogin<string>> Logins)> UserAsync(string email) =>
        app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<CoopDbContext>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Key).ToListAsync();
            var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == user.Id).ToListAsync();
            return (user, roles, logins);
        });
}
