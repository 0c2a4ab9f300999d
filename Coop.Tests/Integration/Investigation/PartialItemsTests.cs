using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Investigation.PartialItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Investigation;

/// <summary>Coop asks the platform's partial-items endpoint (a real HTTP server here) for items it has not stored.</summary>
[Trait("Category", "Integration")]
public sealed class PartialItemsTests
{
    private static readonly Dictionary<string, string?> AllowLoopback = new() { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" };

    [Fact]
    public async Task Asked_items_come_back_signed_for_validated_and_stored_and_the_rest_is_dropped()
    {
        await using var platform = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, AllowLoopback);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.Admin);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        platform.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        platform.RespondWith = _ => """
            { "items": [
              { "id": "p7", "typeId": "post", "data": { "text": "fetched from the platform" } },
              { "id": "p99", "typeId": "post", "data": { "text": "never asked for" } },
              { "id": "p8", "type": { "id": "post" }, "data": { "text": 42 } } ] }
            """;

        Task<T> AsLead<T>(Func<IServiceProvider, Task<T>> action) => fixture.App.AsUserAsync("lead@acme.test", action);

        var notYet = await AsLead(s => s.SendAsync<TestPartialItemsCommand, PartialItemsOutcome>(new TestPartialItemsCommand("post", "p7")));
        Assert.False(notYet.Configured);
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => AsLead(s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(
            new SavePartialItemsSettingsCommand("ftp://platform/items", []))));
        Assert.Contains("Endpoint", invalid.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync("ana@acme.test", s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(
            new SavePartialItemsSettingsCommand(platform.UrlFor("/items").ToString(), []))));

        var saved = await AsLead(s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(
            new SavePartialItemsSettingsCommand(platform.UrlFor("/items").ToString(), [new ActionHeaderInput("X-Platform-Key", "s3cret")])));
        Assert.Equal(["X-Platform-Key"], saved.HeaderNames);

        var outcome = await fixture.App.Services.GetRequiredService<IPartialItemsFetcher>().FetchAsync(fixture.OrganizationId,
            [new ItemIdentifier("p7", "post"), new ItemIdentifier("p8", "post")], TestContext.Current.CancellationToken);

        Assert.Equal([new ItemIdentifier("p7", "post")], outcome.Stored);
        Assert.Contains("/items/2/data/text", outcome.Error, StringComparison.Ordinal);
        var call = Assert.Single(platform.Requests);
        Assert.True(call.SignatureValid);
        Assert.Equal("s3cret", call.Headers["X-Platform-Key"]);
        Assert.Equal("""{"items":[{"id":"p7","typeId":"post"},{"id":"p8","typeId":"post"}]}""", System.Text.Encoding.UTF8.GetString(call.Body));
        await using var db = await fixture.ContextAsync();
        var submission = await db.Set<ItemSubmission>().SingleAsync(s => s.ItemId == "p7", TestContext.Current.CancellationToken);
        Assert.Equal(("partial-items", "partial", "fetched from the platform"), (submission.Source, submission.SchemaVariant, (string?)JsonNode.Parse(submission.Data)!["text"]));
        Assert.True(await db.Set<Item>().AnyAsync(i => i.ItemId == "p7", TestContext.Current.CancellationToken));
        Assert.False(await db.Set<ItemSubmission>().AnyAsync(s => s.ItemId == "p99" || s.ItemId == "p8", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken), d => d != null && d.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_or_internal_endpoint_gives_a_clear_error_and_stores_nothing()
    {
        await using var platform = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.Admin);
        await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(
            new SavePartialItemsSettingsCommand(platform.UrlFor("/items").ToString(), [])));

        // Loopback is internal and this installation does not allow it.
        var refused = await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<TestPartialItemsCommand, PartialItemsOutcome>(new TestPartialItemsCommand("post", "p7")));

        Assert.Empty(refused.Stored);
        Assert.NotNull(refused.Error);
        Assert.Empty(platform.Requests);

        await using var allowed = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, AllowLoopback);
        await using (var db = await allowed.ContextAsync())
        {
            var settings = Coop.Domain.Moderation.ReviewSettings.DefaultsFor(allowed.OrganizationId);
            settings.SetPartialItems(platform.UrlFor("/items").ToString(), []);
            db.ReviewSettings.Add(settings);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        platform.PublicKeyPem = await allowed.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(allowed.OrganizationId);
        platform.SuccessStatus = 503;
        var failed = await allowed.App.Services.GetRequiredService<IPartialItemsFetcher>().FetchAsync(allowed.OrganizationId, [new ItemIdentifier("p7", "post")], TestContext.Current.CancellationToken);

        Assert.Equal("The partial-items endpoint answered HTTP 503 Service Unavailable.", failed.Error);
        Assert.Empty(failed.Stored);
    }
}
