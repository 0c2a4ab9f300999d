using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coop.Tests.Support.Fakes;

/// <summary>
/// A real OpenID Connect provider (OpenIddict server) on a loopback port: discovery, JWKS, authorization code flow with
/// PKCE required, and a sign-in form at the authorization endpoint where the test types one of the configured users'
/// email. ID tokens carry <c>sub</c>, <c>email</c>, <c>email_verified</c> and <c>name</c>. Its stores are EF Core on an
/// in-memory SQLite database that lives as long as the provider.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SqliteConnection connection;
    private readonly ConcurrentDictionary<string, OidcUser> users = new(StringComparer.OrdinalIgnoreCase);

    private OidcProvider(WebApplication app, SqliteConnection connection)
    {
        this.app = app;
        this.connection = connection;
    }

    /// <summary>The issuer, with its trailing slash, as the discovery document states it.</summary>
    public Uri Issuer { get; private set; } = default!;

    public static async Task<OidcProvider> StartAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContext<ProviderDbContext>(o => o.UseSqlite(connection).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var web = builder.Build();
        var provider = new OidcProvider(web, connection);
        web.UseAuthentication();
        web.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)provider.AuthorizeAsync);
        await using (var scope = web.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = new Uri(address.TrimEnd('/') + "/");

        // The first request builds OpenIddict's pipeline, which takes seconds on a loaded machine: pay for it here.
        using var warmUp = new HttpClient();
        (await warmUp.GetAsync(new Uri(provider.Issuer, ".well-known/openid-configuration"))).Dispose();
        return provider;
    }

    /// <summary>A person the provider knows; the test signs in by typing <paramref name="email"/> on the provider's form.</summary>
    public OidcUser AddUser(string email, string name, bool emailVerified = true)
    {
        var user = new OidcUser(Guid.NewGuid().ToString("N"), email, name, emailVerified);
        users[email] = user;
        return user;
    }

    /// <summary>Registers a confidential client allowed the code flow (with PKCE) back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, Uri redirectUri)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        await manager.CreateAsync(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var email = context.Request.HasFormContentType ? (string?)(await context.Request.ReadFormAsync())["login_email"] : null;
        if (string.IsNullOrWhiteSpace(email))
        {
            return Results.Content(LoginForm(request, null), "text/html");
        }

        if (!users.TryGetValue(email.Trim(), out var user))
        {
            return Results.Content(LoginForm(request, $"No account {email} at this provider."), "text/html");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Email, user.Email).SetClaim(Claims.Name, user.Name);
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The provider's own sign-in page: the authorization request's parameters carried as hidden fields.</summary>
    private static string LoginForm(OpenIddictRequest request, string? error)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder("<!doctype html><html><head><title>Test identity provider</title></head><body><h1>Test identity provider</h1>");
        if (error is not null)
        {
            page.Append("<p data-testid=\"idp-error\">").Append(html.Encode(error)).Append("</p>");
        }

        page.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
        {
            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode((string?)value ?? string.Empty)).Append("\" />");
        }

        page.Append("<label>Email <input name=\"login_email\" data-testid=\"idp-email\" /></label>")
            .Append("<button type=\"submit\" data-testid=\"idp-submit\">Sign in</button></form></body></html>");
        return page.ToString();
    }

    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}

/// <summary>A person known to <see cref="OidcProvider"/>.</summary>
public sealed record OidcUser(string Subject, string Email, string Name, bool EmailVerified);
