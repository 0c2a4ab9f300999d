using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Api;
using Coop.Web.Features.Administration;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Api;

[Trait("Category", "Integration")]
public sealed class ApiFoundationTests : IAsyncLifetime
{
    private readonly CoopAppFactory app = new();
    private string organizationId = string.Empty;

    public async ValueTask InitializeAsync() => organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Unknown_api_routes_answer_404_in_coops_error_envelope()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/does-not-exist", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = body["errors"]![0]!;
        Assert.Equal(404, (int)error["status"]!);
        Assert.Equal("/errors/not-found", (string)error["type"]![0]!);
        Assert.Equal("Requested route not found.", (string)error["title"]!);
    }

    [Fact]
    public async Task Only_the_active_key_authenticates_and_rotation_revokes_the_old_one_at_once()
    {
        var issuer = app.Services.GetRequiredService<ApiKeyIssuer>();
        var authenticator = app.Services.GetRequiredService<ApiKeyAuthenticator>();
        var first = await issuer.IssueAsync(organizationId, "first", null, "test", null, TestContext.Current.CancellationToken);

        var caller = await authenticator.AuthenticateAsync(Request(first.PlainKey), TestContext.Current.CancellationToken);
        Assert.Equal(organizationId, caller?.OrganizationId);
        Assert.Equal(first.KeyId, caller?.ApiKeyId);

        var second = await issuer.IssueAsync(organizationId, "second", null, "test", null, TestContext.Current.CancellationToken);
        Assert.Equal(1, second.RevokedCount);
        Assert.Null(await authenticator.AuthenticateAsync(Request(first.PlainKey), TestContext.Current.CancellationToken));
        Assert.Equal(second.KeyId, (await authenticator.AuthenticateAsync(Request(second.PlainKey), TestContext.Current.CancellationToken))?.ApiKeyId);
        Assert.Null(await authenticator.AuthenticateAsync(Request(string.Empty), TestContext.Current.CancellationToken));
        Assert.Null(await authenticator.AuthenticateAsync(Request(second.PlainKey.ToUpperInvariant()), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Another_node_forgets_a_rotated_key_when_it_hears_of_it_and_rechecks_a_key_revoked_elsewhere_within_seconds()
    {
        var issuer = app.Services.GetRequiredService<ApiKeyIssuer>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // A second node: its own authenticator (and memory of keys), the same database and live-event feed.
        using var otherNode = new ApiKeyAuthenticator(factory, clock, app.Services.GetRequiredService<ILiveEvents>());
        var first = await issuer.IssueAsync(organizationId, "first", null, "test", null, TestContext.Current.CancellationToken);
        Assert.Equal(first.KeyId, (await otherNode.AuthenticateAsync(Request(first.PlainKey), TestContext.Current.CancellationToken))?.ApiKeyId);

        // Rotated on this node: the other hears of it and refuses the old key at once, though it had just checked it.
        var second = await issuer.IssueAsync(organizationId, "second", null, "test", null, TestContext.Current.CancellationToken);
        Assert.Null(await otherNode.AuthenticateAsync(Request(first.PlainKey), TestContext.Current.CancellationToken));
        Assert.Equal(second.KeyId, (await otherNode.AuthenticateAsync(Request(second.PlainKey), TestContext.Current.CancellationToken))?.ApiKeyId);

        // Revoked where no event is sent (another process writing the database): trusted until the recheck, refused after it.
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.ApiKeys.Where(k => k.Id == second.KeyId).ExecuteUpdateAsync(u => u.SetProperty(k => k.IsActive, false), TestContext.Current.CancellationToken);
        }

        Assert.NotNull(await otherNode.AuthenticateAsync(Request(second.PlainKey), TestContext.Current.CancellationToken));
        clock.Advance(ApiKeyAuthenticator.RecheckAfter);
        Assert.Null(await otherNode.AuthenticateAsync(Request(second.PlainKey), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Key_usage_is_written_once_a_minute_per_node_however_many_requests_arrive()
    {
        var issuer = app.Services.GetRequiredService<ApiKeyIssuer>();
        var authenticator = app.Services.GetRequiredService<ApiKeyAuthenticator>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var key = await issuer.IssueAsync(organizationId, "usage", null, "test", null, TestContext.Current.CancellationToken);

        var callers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => authenticator.AuthenticateAsync(Request(key.PlainKey), TestContext.Current.CancellationToken)));
        Assert.All(callers, c => Assert.Equal(key.KeyId, c?.ApiKeyId));
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.NotNull(await db.ApiKeys.Where(k => k.Id == key.KeyId).Select(k => k.LastUsedAt).SingleAsync(TestContext.Current.CancellationToken));
            await db.ApiKeys.Where(k => k.Id == key.KeyId).ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, (DateTime?)null), TestContext.Current.CancellationToken);
        }

        // Within the minute this node does not write again, even though the stored value looks stale.
        Assert.Equal(key.KeyId, (await authenticator.AuthenticateAsync(Request(key.PlainKey), TestContext.Current.CancellationToken))?.ApiKeyId);
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.Null(await db.ApiKeys.Where(k => k.Id == key.KeyId).Select(k => k.LastUsedAt).SingleAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served()
    {
        using var client = app.CreateClient();

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var page = await client.GetAsync(new Uri("/api-docs/index.html", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var openApi = JsonNode.Parse(await document.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).Order().ToList();
        Assert.Equal(
            ["/api/v1/actions", "/api/v1/content", "/api/v1/items/async", "/api/v1/policies", "/api/v1/report", "/api/v1/report/appeal", "/api/v1/user_scores"],
            paths);
        Assert.NotNull(openApi["components"]!["schemas"]!["SubmitReportBody"]);
        Assert.NotNull(openApi["components"]!["schemas"]!["RunActionBody"]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static HttpRequest Request(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ApiKeyAuthenticator.HeaderName] = key;
        return context.Request;
    }
}
