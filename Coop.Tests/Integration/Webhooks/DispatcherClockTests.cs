using Coop.Domain.Webhooks;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class DispatcherClockTests
{
    [Fact]
    public async Task A_retry_waits_for_its_backoff_on_the_injected_clock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(dispatcher: false, settings: new Dictionary<string, string?> { ["Webhooks:BackoffBase"] = "00:00:02" });
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.FailNext(1);
        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), "{}");
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddSeconds(1));
        var dispatcher = ActivatorUtilities.CreateInstance<WebhookDispatcher>(app.App.Services, (TimeProvider)clock);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal((1, 1), await dispatcher.DispatchDueAsync(ct));
        var afterFailure = await app.MessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, afterFailure.Status);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(2), afterFailure.NextAttemptAt, TimeSpan.FromMilliseconds(1));

        Assert.Equal((0, 0), await dispatcher.DispatchDueAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal((0, 0), await dispatcher.DispatchDueAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal((1, 1), await dispatcher.DispatchDueAsync(ct));

        Assert.Equal(OutboxStatus.Delivered, (await app.MessageAsync(id)).Status);
        Assert.Equal(2, receiver.Requests.Count);
    }
}
