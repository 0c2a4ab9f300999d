using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
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
}
