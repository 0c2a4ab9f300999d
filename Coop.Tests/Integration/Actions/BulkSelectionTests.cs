using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Bulk;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Actions;

/// <summary>The handoff of investigation results to the bulk page: only the user who stored them reads them back, briefly; permission-gated.</summary>
[Trait("Category", "Integration")]
public sealed class BulkSelectionTests
{
    [Fact]
    public async Task A_selection_is_read_back_only_by_whoever_stored_it_and_needs_the_action_permission()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        await OrganizationBuilder.AddUserAsync(app.App, org, "a@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(app.App, org, "b@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(app.App, org, "analyst@acme.test", DefaultRoles.Analyst);
        BulkSelectedItem[] items = [new("post", "p1"), new("post", "p 2, with spaces"), new("post", "p1"), new("note", "n1")];

        var token = await app.App.AsUserAsync("a@acme.test", s => s.SendAsync<StashBulkSelectionCommand, string>(new StashBulkSelectionCommand(items)));

        var mine = await app.App.AsUserAsync("a@acme.test", s => s.AskAsync<GetBulkSelectionQuery, BulkSelection?>(new GetBulkSelectionQuery(token)));
        Assert.Equal([new("post", "p1"), new("post", "p 2, with spaces"), new("note", "n1")], mine!.Items);
        Assert.Null(await app.App.AsUserAsync("b@acme.test", s => s.AskAsync<GetBulkSelectionQuery, BulkSelection?>(new GetBulkSelectionQuery(token))));
        Assert.Null(await app.App.AsUserAsync("a@acme.test", s => s.AskAsync<GetBulkSelectionQuery, BulkSelection?>(new GetBulkSelectionQuery("nope"))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.App.AsUserAsync("analyst@acme.test",
            s => s.SendAsync<StashBulkSelectionCommand, string>(new StashBulkSelectionCommand(items))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.App.AsUserAsync("analyst@acme.test",
            s => s.AskAsync<GetBulkSelectionQuery, BulkSelection?>(new GetBulkSelectionQuery(token))));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => app.App.AsUserAsync("a@acme.test",
            s => s.SendAsync<StashBulkSelectionCommand, string>(new StashBulkSelectionCommand([]))));
        Assert.Contains("items", empty.Errors.Keys);
    }

    [Fact]
    public void A_selection_expires()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var store = new BulkSelectionStore(clock);
        var token = store.Put("org", "user", [new BulkSelectedItem("post", "p1")]);

        clock.Advance(BulkSelectionStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Get(token, "org", "user"));
        Assert.Null(store.Get(token, "other-org", "user"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(store.Get(token, "org", "user"));
    }
}
