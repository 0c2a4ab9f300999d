using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class OutboxClaimTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_dispatchers_racing_over_the_same_rows_send_each_message_exactly_once(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(database, dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        var ids = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            ids.Add(await app.EnqueueAsync(org, receiver.UrlFor($"/hooks/{i}"), $"{{\"n\":{i}}}"));
        }

        // Two dispatchers as two nodes would run them: separate instances over the same database.
        var nodes = Enumerable.Range(0, 2)
            .Select(_ => ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.App.Services))
            .ToList();
        var results = await Task.WhenAll(nodes.Select(n => n.DispatchDueAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(24, results.Sum(r => r.Claimed));
        Assert.Equal(24, receiver.Requests.Count);
        Assert.Equal(24, receiver.Requests.Select(r => r.Path).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Equal(OutboxStatus.Delivered, (await app.MessageAsync(id)).Status);
            Assert.Single(await app.AttemptsAsync(id));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_dispatchers_claiming_small_batches_in_loops_deliver_every_message_once(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(database, dispatcher: false,
            settings: new Dictionary<string, string?> { ["Webhooks:BatchSize"] = "15", ["Webhooks:MaxConcurrency"] = "4" });
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        const int count = 150;
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            for (var i = 0; i < count; i++)
            {
                db.OutboxMessages.Add(OutboxMessage.Create(org, OutboxMessageKinds.ActionCallback, receiver.UrlFor($"/hooks/{i}").ToString(),
                    $"{{\"n\":{i}}}", null, now, actionId: "action-1", itemId: $"item-{i}", itemTypeId: "type-1"));
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // Each node keeps claiming batches of 15 until a pass finds nothing due, as its loop would; they overlap throughout.
        async Task<int> RunNodeAsync()
        {
            var node = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.App.Services);
            var claimed = 0;
            while (await node.DispatchDueAsync(TestContext.Current.CancellationToken) is { Found: > 0 } pass)
            {
                claimed += pass.Claimed;
            }

            return claimed;
        }

        var claims = await Task.WhenAll(RunNodeAsync(), RunNodeAsync());

        Assert.Equal(count, claims.Sum());
        Assert.Equal(count, receiver.Requests.Count);
        Assert.Equal(count, receiver.Requests.Select(r => r.Path).Distinct().Count());
        await using var check = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(count, await check.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Delivered && m.LeaseToken == null, TestContext.Current.CancellationToken));
        Assert.Equal(count, await check.DeliveryAttempts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_result_whose_lease_was_taken_by_another_claim_is_dropped_and_the_others_are_recorded(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(database, dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.EnqueueAsync(org, receiver.UrlFor($"/hooks/{i}"), $"{{\"n\":{i}}}"));
        }

        receiver.ResponseDelay = TimeSpan.FromSeconds(1);
        var dispatcher = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.App.Services);
        var dispatching = dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        await receiver.WaitForAsync(3);

        // While the POSTs are in flight, another node takes the first message over (as if this batch's lease had run out).
        var factory = app.Service<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var held = await db.OutboxMessages.Where(m => m.Id == ids[0]).Select(m => m.LeaseToken).SingleAsync(TestContext.Current.CancellationToken);
            Assert.NotNull(held);
            Assert.Equal(held, await db.OutboxMessages.Where(m => m.Id == ids[2]).Select(m => m.LeaseToken).SingleAsync(TestContext.Current.CancellationToken));
            DateTime? until = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5);
            await db.OutboxMessages.Where(m => m.Id == ids[0])
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseToken, "other-node").SetProperty(m => m.LeaseUntil, until), TestContext.Current.CancellationToken);
        }

        Assert.Equal((3, 3), await dispatching);

        var taken = await app.MessageAsync(ids[0]);
        Assert.Equal((OutboxStatus.Pending, "other-node", 0), (taken.Status, taken.LeaseToken, taken.AttemptCount));
        Assert.Empty(await app.AttemptsAsync(ids[0]));
        foreach (var id in ids.Skip(1))
        {
            var message = await app.MessageAsync(id);
            Assert.Equal((OutboxStatus.Delivered, null, 1), (message.Status, message.LeaseToken, message.AttemptCount));
            Assert.Single(await app.AttemptsAsync(id));
        }
    }
}
