using System.Net;
using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coop.Tests.Integration.Hosting;

/// <summary>
/// Abuse limits and browser hardening on the real app: per-API-key rate limiting (429, Retry-After, Coop's envelope),
/// per-address sign-in throttling, security headers on pages, the API and the Swagger UI, HSTS on https only,
/// antiforgery on the sign-in form, and the auth cookie's attributes. One app (low limits) for the class.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SecurityHardeningTests(SecurityHardeningTests.App fixture) : IClassFixture<SecurityHardeningTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_key_over_its_limit_gets_429_with_retry_after_in_coops_error_format_and_other_keys_do_not()
    {
        var platform = await fixture.PlatformAsync();
        for (var i = 0; i < App.ApiLimit; i++)
        {
            using var allowed = await platform.GetAsync("/api/v1/policies");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await platform.GetAsync("/api/v1/policies");
        using var otherKey = await platform.GetAsync("/api/v1/policies", key: "another-key");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var error = await PlatformClient.FirstErrorAsync(limited);
        Assert.Equal(429, (int)error["status"]!);
        Assert.Equal(RateLimitingSetup.RateLimitedType, (string?)error["type"]![0]);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode); // its own bucket: judged (and refused) by the key check
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_are_throttled_but_the_page_still_loads()
    {
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["RateLimiting:SignInPermitLimit"] = "3" });
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await FormSignIn.PostAsync(client, email, $"wrong {i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var throttled = await FormSignIn.PostAsync(client, email, OrganizationBuilder.Password);
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many sign-in attempts", await throttled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_blazor_compatible_csp_whose_nonce_matches_the_import_map()
    {
        using var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws: wss:", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var nonce = ScriptNonce().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        AssertCommonHeaders(response);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));

        using var again = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
        Assert.NotEqual(nonce, ScriptNonce().Match(Header(again, "Content-Security-Policy")).Groups[1].Value);
    }

    [Fact]
    public async Task Api_responses_and_the_swagger_ui_carry_the_headers_and_only_swagger_may_run_inline_script()
    {
        using var client = fixture.Factory.CreateClient();

        using var api = await client.GetAsync(new Uri("/api/v1/policies", UriKind.Relative), Ct);
        using var swagger = await client.GetAsync(new Uri(SecurityHeaders.ApiDocsPath + "/index.html", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        AssertCommonHeaders(api);
        Assert.DoesNotContain("'unsafe-inline'", Header(api, "Content-Security-Policy").Split(';')[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        AssertCommonHeaders(swagger);
        Assert.Contains("script-src 'self' 'unsafe-inline'", Header(swagger, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_the_response_has_hsts_and_the_auth_cookie_is_secure_httponly_and_samesite()
    {
        using var https = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://coop.example/"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });

        using var page = await https.GetAsync(new Uri("/account/login", UriKind.Relative), Ct);
        var cookies = new HttpClientCookies(https, page);
        using var signIn = await cookies.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);

        Assert.Contains("max-age=", Header(page, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("coop.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", auth, StringComparison.Ordinal);
        Assert.Contains("; httponly", auth, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", auth, StringComparison.Ordinal);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", antiforgery, StringComparison.Ordinal);
        Assert.Contains("; httponly", antiforgery, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", antiforgery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), Ct);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin),
            ["Input.Password"] = OrganizationBuilder.Password,
        };

        using var forged = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(form), Ct);

        Assert.Contains("__RequestVerificationToken", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("coop.auth=", StringComparison.Ordinal)));
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from the response to {response.RequestMessage?.RequestUri}.");

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex ScriptNonce();

    /// <summary>Carries cookies by hand (the test client's cookie container would hide Set-Cookie's attributes).</summary>
    private sealed class HttpClientCookies(HttpClient client, HttpResponseMessage loginPage)
    {
        public async Task<HttpResponseMessage> SignInAsync(string email, string password)
        {
            var html = await loginPage.Content.ReadAsStringAsync();
            var cookie = string.Join("; ", loginPage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var form = new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value,
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("Cookie", cookie);
            return await client.SendAsync(request);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>The app with an API limit of <see cref="ApiLimit"/> requests a minute per key, and an organization.</summary>
    public sealed class App : IAsyncLifetime
    {
        public const int ApiLimit = 3;

        private PlatformClient? platform;

        public CoopAppFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["RateLimiting:ApiPermitLimit"] = ApiLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:ApiWindow"] = "00:01:00",
        });

        public string OrganizationId { get; private set; } = string.Empty;

        public async Task<PlatformClient> PlatformAsync() => platform ??= await PlatformClient.CreateAsync(Factory, OrganizationId);

        public async ValueTask InitializeAsync() => OrganizationId = await OrganizationBuilder.CreateAsync(Factory, "Acme", DefaultRoles.Admin);

        public async ValueTask DisposeAsync()
        {
            platform?.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
