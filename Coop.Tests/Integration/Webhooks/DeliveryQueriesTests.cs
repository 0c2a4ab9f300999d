using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class DeliveryQueriesTests
{
    [Fact]
    public async Task Details_name_the_headers_without_their_values_and_show_at_most_4_KB_of_the_body()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        var body = "{\"text\":\"" + new string('é', 5000) + "\"}";
        var id = await app.EnqueueAsync(org, new Uri("https://platform.example/hooks?token=abc"), body, "{\"Authorization\":\"Bearer secret-1\",\"X-Key\":\"secret-2\"}");
        var handler = new GetDeliveryDetailsHandler(app.Service<IDbContextFactory<CoopDbContext>>(), new FixedUser(org));

        var details = await handler.HandleAsync(new GetDeliveryDetailsQuery(id), TestContext.Current.CancellationToken);

        Assert.NotNull(details);
        Assert.Equal(["Authorization", "X-Key"], details.HeaderNames);
        Assert.True(details.BodyTruncated);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(details.BodyPreview) <= 4096);
        Assert.StartsWith("{\"text\":\"éé", details.BodyPreview, StringComparison.Ordinal);
        Assert.Equal("https://platform.example/hooks", details.Target);
        Assert.Equal("platform.example", details.Message.TargetHost);
        Assert.DoesNotContain("secret", System.Text.Json.JsonSerializer.Serialize(details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_shows_only_the_callers_organization_and_filters_by_status_and_item()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var org = await app.CreateOrganizationAsync("Acme");
        var other = await app.CreateOrganizationAsync("Globex");
        var first = await app.EnqueueAsync(org, new Uri("https://platform.example/a"), "{}", itemId: "post-1");
        await app.EnqueueAsync(org, new Uri("https://platform.example/b"), "{}", itemId: "post-2");
        await app.EnqueueAsync(other, new Uri("https://globex.example/a"), "{}", itemId: "post-1");
        var handler = new ListDeliveriesHandler(app.Service<IDbContextFactory<CoopDbContext>>(), new FixedUser(org));
        var ct = TestContext.Current.CancellationToken;

        var all = await handler.HandleAsync(new ListDeliveriesQuery(), ct);
        var pending = await handler.HandleAsync(new ListDeliveriesQuery(OutboxStatus.Pending), ct);
        var dead = await handler.HandleAsync(new ListDeliveriesQuery(OutboxStatus.Dead), ct);
        var forItem = await handler.HandleAsync(new ListDeliveriesQuery(ItemId: "post-1", ItemTypeId: "type-1"), ct);

        Assert.Equal(2, all.Rows.Count);
        Assert.All(all.Rows, r => Assert.Equal("platform.example", r.TargetHost));
        Assert.Equal(2, pending.Rows.Count);
        Assert.Empty(dead.Rows);
        Assert.Equal(2, dead.Counts[OutboxStatus.Pending]);
        Assert.Equal(first, Assert.Single(forItem.Rows).Id);
    }

    [Fact]
    public async Task Retry_is_refused_for_a_message_still_pending()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        var id = await app.EnqueueAsync(org, new Uri("https://platform.example/a"), "{}");
        var handler = new RetryDeliveryHandler(app.Service<IDbContextFactory<CoopDbContext>>(), new FixedUser(org),
            app.Service<IWebhookOutbox>(), TimeProvider.System);

        await Assert.ThrowsAsync<ValidationFailedException>(() => handler.HandleAsync(new RetryDeliveryCommand(id), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ValidationFailedException>(() => handler.HandleAsync(new RetryDeliveryCommand("nope"), TestContext.Current.CancellationToken));
    }

    private sealed class FixedUser(string organizationId) : ICurrentUser
    {
        public Task<ClaimsPrincipal> GetPrincipalAsync() => Task.FromResult(new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(CoopClaimTypes.OrganizationId, organizationId),
                new Claim(ClaimTypes.NameIdentifier, "u1"),
                new Claim(ClaimTypes.Email, "admin@acme.example"),
                new Claim(Permissions.ClaimType, Permissions.ManageOrg),
            ], "Test")));
    }
}
