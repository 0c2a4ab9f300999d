using System.Net;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coop.Tests.Integration.Auth;

[Trait("Category", "Integration")]
public sealed class AccountAndPermissionTests : IAsyncLifetime
{
    private readonly CoopAppFactory app = new();

    public async ValueTask InitializeAsync() =>
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/settings", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_is_refused_an_admin_page_not_just_shown_no_link()
    {
        using var client = NewClient();
        await FormSignIn.SignInAsync(client, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);

        using var settings = await client.GetAsync(new Uri("/settings", UriKind.Relative), TestContext.Current.CancellationToken);
        using var review = await client.GetAsync(new Uri("/review", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/access-denied", settings.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
    }

    [Fact]
    public async Task An_admin_opens_the_settings_page()
    {
        using var client = NewClient();
        await FormSignIn.SignInAsync(client, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);

        using var settings = await client.GetAsync(new Uri("/settings", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var client = NewClient();

        using var response = await FormSignIn.PostAsync(client, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), "not the password");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is wrong.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        using var client = NewClient();
        var email = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        for (var i = 0; i < 5; i++)
        {
            using var failed = await FormSignIn.PostAsync(client, email, $"wrong password {i}");
        }

        using var locked = await FormSignIn.PostAsync(client, email, OrganizationBuilder.Password);
        var body = await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked after repeated failed sign-ins", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_refuses_to_redirect_off_site()
    {
        Assert.Equal("/", Coop.Web.Account.Pages.Login.SafeReturnUrl("https://evil.example/"));
        Assert.Equal("/", Coop.Web.Account.Pages.Login.SafeReturnUrl("//evil.example/"));
        Assert.Equal("/", Coop.Web.Account.Pages.Login.SafeReturnUrl("/\\evil.example/"));
        Assert.Equal("/review", Coop.Web.Account.Pages.Login.SafeReturnUrl("/review"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Health_is_anonymous_and_checks_the_database()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Contains(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database" && c.GetProperty("status").GetString() == "Healthy");
    }

    [Fact]
    public async Task Setup_is_gone_once_coop_is_set_up()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(new Uri("/setup", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_so_other_sites_cannot_sign_a_moderator_out()
    {
        using var client = NewClient();
        await FormSignIn.SignInAsync(client, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);

        using var forged = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        using var stillIn = await client.GetAsync(new Uri("/review", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }
}
