using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Identity;
using Coop.Tests.Support;
using Coop.Web.Application;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Coop.Tests.Integration.Auth;

/// <summary>
/// The authorization matrix, generated from the permission catalogue and the app itself: every use case, every routable page,
/// every endpoint and the live hub, for every default role and for anonymous callers. Anything new that declares no
/// permission (or no deliberate "signed in" / "anonymous" marker) fails here.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    /// <summary>Endpoints that are anonymous by design, each with the reason; anything else anonymous fails the test.</summary>
    private static readonly (string Prefix, string Why)[] AnonymousByDesign =
    [
        ("/api/", "platform API: X-API-KEY is checked inside every endpoint (asserted below)"),
        ("/health", "health checks for load balancers"),
        ("/openapi/", "the platform API's public description"),
        ("/account/sso/", "single sign-on start and completion happen before the user is signed in; completion needs the external cookie the provider's callback set"),
    ];

    /// <summary>
    /// Endpoints the framework maps that carry no authorization metadata at all, by exact route pattern, each with the reason.
    /// Anything else without metadata fails, so a new endpoint must say who may call it.
    /// </summary>
    private static readonly (string Pattern, string Why)[] FrameworkEndpoints =
    [
        ("/_blazor", "the Blazor Server circuit hub: the circuit renders each page through its own [Authorize] and every use case authorizes itself"),
        ("/_blazor/negotiate", "the circuit hub's SignalR negotiation"),
        ("/_blazor/disconnect/", "the browser telling the server a circuit ended"),
        ("/_blazor/initializers/", "the list of JavaScript initializers Blazor's script loads"),
        ("/_framework/opaque-redirect", "enhanced navigation's redirect hop, which only carries the redirect the page itself answered"),
        ("/{**path:file}", "static files (wwwroot and package assets) outside the build manifest: only files that exist on disk, no data"),
    ];

    /// <summary>Endpoints for any signed-in user without a permission (RequireAuthorization() with no policy), each with the reason.</summary>
    private static readonly (string Pattern, string Why)[] SignedInByDesign =
    [
        ("/account/logout", "signing out: anyone signed in may end their own session"),
    ];

    private static readonly Assembly Web = typeof(Coop.Web.DependencyInjection).Assembly;
    private readonly CoopAppFactory app = new();
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await OrganizationBuilder.CreateAsync(app, "Acme", [.. DefaultRoles.All.Select(r => r.Key)]);
        clients[""] = NewClient();
        foreach (var role in DefaultRoles.All)
        {
            var client = NewClient();
            await FormSignIn.SignInAsync(client, OrganizationBuilder.EmailFor("Acme", role.Key), OrganizationBuilder.Password);
            clients[role.Key] = client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await app.DisposeAsync();
    }

    [Fact]
    public async Task Every_use_case_declares_who_may_run_it_and_the_decorator_enforces_it_for_each_role()
    {
        var useCases = Web.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(IsHandlerInterface).Select(i => (Handler: t, Interface: i)))
            .ToList();
        Assert.True(useCases.Count > 50, $"found only {useCases.Count} use cases");
        var problems = new List<string>();
        await using var scope = app.Services.CreateAsyncScope();
        foreach (var (handler, contract) in useCases)
        {
            var request = contract.GetGenericArguments()[0];
            var rule = RuleFor(request);
            if (rule is null)
            {
                problems.Add($"{request.Name} (handled by {handler.Name}) declares no permission: add [RequiresPermission], [RequiresSignedInUser] or [AllowAnonymousUse].");
                continue;
            }

            if (rule.Permission is { } permission && !Permissions.All.Contains(permission))
            {
                problems.Add($"{request.Name} requires '{permission}', which is not in the permission catalogue.");
            }

            var resolved = scope.ServiceProvider.GetRequiredService(contract);
            if (!resolved.GetType().Name.StartsWith("Authorizing", StringComparison.Ordinal))
            {
                problems.Add($"{request.Name} resolves to {resolved.GetType().Name}, not through the authorization decorator.");
            }

            foreach (var (key, permissions) in Callers())
            {
                var allowed = rule.Allows(key, permissions);
                var refused = await IsRefusedAsync(request, Principal(key, permissions));
                if (refused == allowed)
                {
                    problems.Add($"{request.Name} for {Name(key)}: expected {(allowed ? "allowed" : "refused")}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_page_admits_exactly_the_roles_its_permission_names()
    {
        var pages = Web.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        Assert.Contains(pages, p => p.Name == "AuditLogPage");
        var problems = new List<string>();
        foreach (var page in pages)
        {
            var rule = RuleFor(page);
            if (rule is null)
            {
                problems.Add($"{page.Name} declares no authorization: add [Authorize(Policy = Permissions.X)], [Authorize] or [AllowAnonymous].");
                continue;
            }

            if (rule.Permission is { } permission && !Permissions.All.Contains(permission))
            {
                problems.Add($"{page.Name} requires '{permission}', which is not in the permission catalogue.");
            }

            foreach (var template in page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            {
                var path = Concrete(template);
                foreach (var (key, permissions) in Callers())
                {
                    using var response = await clients[key].GetAsync(new Uri(path, UriKind.Relative), Token);
                    var outcome = Outcome(response);
                    var expected = rule.Allows(key, permissions) ? "allowed" : key.Length == 0 ? "sign-in" : "denied";
                    if (outcome != expected && !(rule.Anyone && outcome != "denied"))
                    {
                        problems.Add($"{path} ({page.Name}) for {Name(key)}: expected {expected}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_endpoint_declares_its_authorization_and_refuses_callers_without_it()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/settings/audit/export.csv");
        var problems = new List<string>();
        var frameworkSeen = new HashSet<string>(StringComparer.Ordinal);
        var apiChecked = 0;
        foreach (var endpoint in endpoints)
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var method = methods.Contains("GET") ? HttpMethod.Get : new HttpMethod(methods[0]);
            var path = Concrete(raw);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (anonymous)
            {
                if (!AnonymousByDesign.Any(a => raw.StartsWith(a.Prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{method} {raw} allows anonymous callers and is not in the reviewed list of anonymous endpoints.");
                }
                else if (raw.StartsWith("/api/v1/", StringComparison.Ordinal) && !raw.Contains("**", StringComparison.Ordinal))
                {
                    // The platform API's scheme: no X-API-KEY, no answer (validation of the body may come first, as in Coop).
                    using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                    using var response = await clients[""].SendAsync(request, Token);
                    var status = (int)response.StatusCode;
                    if (method == HttpMethod.Get ? status != 401 : status is not (400 or 401))
                    {
                        problems.Add($"{method} {raw} without an API key answered {status}.");
                    }

                    apiChecked++;
                }

                continue;
            }

            if (authorize.Count == 0)
            {
                if (!FrameworkEndpoints.Any(f => f.Pattern == raw))
                {
                    problems.Add($"{method} {raw} declares no authorization (RequireAuthorization(permission) or AllowAnonymous).");
                }
                else
                {
                    frameworkSeen.Add(raw);
                }

                continue;
            }

            var permission = authorize.Select(a => a.Policy).FirstOrDefault(p => p is not null);
            if (permission is not null && !Permissions.All.Contains(permission))
            {
                problems.Add($"{method} {raw} requires '{permission}', which is not in the permission catalogue.");
            }

            if (permission is null && !SignedInByDesign.Any(a => a.Pattern == raw))
            {
                problems.Add($"{method} {raw} admits any signed-in user: name its permission with RequireAuthorization(Permissions.X), or add it to the reviewed signed-in list.");
            }

            foreach (var (key, permissions) in Callers())
            {
                // Only permission-guarded endpoints are called as signed-in users (calling sign-out would end the session).
                if (key.Length > 0 && permission is null)
                {
                    continue;
                }

                using var request = new HttpRequestMessage(method, path);
                using var response = await clients[key].SendAsync(request, Token);
                var outcome = Outcome(response);
                var expected = key.Length == 0 ? "sign-in" : permissions.Contains(permission!) ? "allowed" : "denied";
                if (outcome != expected && !(expected == "sign-in" && outcome == "denied"))
                {
                    problems.Add($"{method} {raw} for {Name(key)}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
                }
            }
        }

        // The single sign-on callbacks (/signin-oidc/{organization}) are not endpoints: each organization's OpenID Connect
        // handler answers its own callback path inside the authentication middleware. Without a provider there is nothing there.
        foreach (var callback in new[] { "/signin-oidc/matrix-x", "/signout-callback-oidc/matrix-x" })
        {
            using var response = await clients[""].GetAsync(new Uri(callback, UriKind.Relative), Token);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                problems.Add($"GET {callback} for an organization without single sign-on answered {(int)response.StatusCode}, not 404.");
            }
        }

        Assert.True(apiChecked >= 7, $"only {apiChecked} platform API endpoints were checked");
        Assert.Contains("/_blazor", frameworkSeen);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_live_hub_admits_exactly_the_roles_with_its_permission()
    {
        var hub = typeof(Coop.Web.Realtime.LiveHub);
        var permission = hub.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
        Assert.True(permission is not null && Permissions.All.Contains(permission), "the live hub declares no permission");
        foreach (var (key, permissions) in Callers())
        {
            using var response = await clients[key].PostAsync(
                new Uri(Coop.Web.Realtime.LiveHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative), null, Token);
            var expected = key.Length == 0 ? "sign-in" : permissions.Contains(permission) ? "allowed" : "denied";
            var outcome = Outcome(response);
            Assert.True(outcome == expected || (expected == "sign-in" && outcome == "denied"), $"hub negotiate for {Name(key)}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
            if (expected == "allowed")
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    private static IEnumerable<(string Key, IReadOnlySet<string> Permissions)> Callers() =>
        DefaultRoles.All.Select(r => (r.Key, (IReadOnlySet<string>)r.Permissions.ToHashSet(StringComparer.Ordinal)))
            .Prepend((string.Empty, new HashSet<string>()));

    private static string Name(string key) => key.Length == 0 ? "an anonymous caller" : key;

    private static bool IsHandlerInterface(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IQueryHandler<,>) || type.GetGenericTypeDefinition() == typeof(ICommandHandler<,>));

    /// <summary>What a request type or page declares; null when it declares nothing.</summary>
    private static Rule? RuleFor(MemberInfo type)
    {
        if (type.GetCustomAttribute<AllowAnonymousUseAttribute>() is not null || type.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            return new Rule(null, Anyone: true);
        }

        if (type.GetCustomAttribute<RequiresPermissionAttribute>() is { } requires)
        {
            return new Rule(requires.Permission, Anyone: false);
        }

        var authorize = type.GetCustomAttributes<AuthorizeAttribute>().ToList();
        if (type.GetCustomAttribute<RequiresSignedInUserAttribute>() is not null || (authorize.Count > 0 && authorize.All(a => a.Policy is null)))
        {
            return new Rule(null, Anyone: false);
        }

        return authorize.Select(a => a.Policy).FirstOrDefault(p => p is not null) is { } policy ? new Rule(policy, Anyone: false) : null;
    }

    private static async Task<bool> IsRefusedAsync(Type request, ClaimsPrincipal principal)
    {
        try
        {
            await UseCaseAuthorization.EnsureAllowedAsync(request, new FixedUser(principal));
            return false;
        }
        catch (ForbiddenAccessException)
        {
            return true;
        }
    }

    private static ClaimsPrincipal Principal(string roleKey, IReadOnlySet<string> permissions)
    {
        if (roleKey.Length == 0)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "user-" + roleKey), new(ClaimTypes.Name, roleKey), new(CoopClaimTypes.OrganizationId, "org") };
        claims.AddRange(permissions.Select(p => new Claim(Permissions.ClaimType, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "matrix"));
    }

    private static string Outcome(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "sign-in",
            HttpStatusCode.Forbidden => "denied",
            HttpStatusCode.Redirect when location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) => "sign-in",
            HttpStatusCode.Redirect when location.Contains("/access-denied", StringComparison.OrdinalIgnoreCase) => "denied",
            >= HttpStatusCode.InternalServerError => $"error {(int)response.StatusCode}",
            _ => "allowed",
        };
    }

    private static string Concrete(string template) => RouteParameter().Replace(template, "matrix-x");

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex(@"\{\*{0,2}[^}]+\}")]
    private static partial Regex RouteParameter();

    private sealed record Rule(string? Permission, bool Anyone)
    {
        public bool Allows(string roleKey, IReadOnlySet<string> permissions) =>
            Anyone || (roleKey.Length > 0 && (Permission is null || permissions.Contains(Permission)));
    }

    private sealed class FixedUser(ClaimsPrincipal principal) : ICurrentUser
    {
        public Task<ClaimsPrincipal> GetPrincipalAsync() => Task.FromResult(principal);
    }
}
