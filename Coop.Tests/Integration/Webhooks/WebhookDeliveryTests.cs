using System.Text;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class WebhookDeliveryTests
{
    private const string Body = "{\"item\":{\"id\":\"post-9\",\"typeId\":\"t1\",\"typeName\":\"Post ✓\"},  \"action\":{\"id\":\"a1\"},\n \"note\":\"é\"}";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_message_arrives_once_with_the_exact_body_its_headers_and_a_signature_the_public_key_verifies(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(database);
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks/coop"), Body,
            "{\"Authorization\":\"Bearer s3cret-token\",\"X-Platform-Tenant\":\"tenant-7\",\"Content-Type\":\"text/plain\",\"Idempotency-Key\":\"mine\"}");

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Delivered);
        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(request.SignatureValid);
        Assert.Equal(Encoding.UTF8.GetBytes(Body), request.Body);
        Assert.Equal("/hooks/coop", request.Path);
        Assert.Equal("Bearer s3cret-token", request.Headers["Authorization"]);
        Assert.Equal("tenant-7", request.Headers["X-Platform-Tenant"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal(id, request.Headers["Idempotency-Key"]);
        Assert.Equal(200, message.LastStatusCode);
        Assert.NotNull(message.DeliveredAt);
        var attempt = Assert.Single(await app.AttemptsAsync(id));
        Assert.Equal((1, 200, DeliveryOutcome.Delivered), (attempt.AttemptNumber, attempt.StatusCode, attempt.Outcome));
    }

    [Fact]
    public async Task Three_failures_then_success_makes_four_attempts_spaced_by_the_doubling_backoff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.FailNext(3);

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Delivered);
        var attempts = await app.AttemptsAsync(id);
        Assert.Equal(4, message.AttemptCount);
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal([DeliveryOutcome.RetryableFailure, DeliveryOutcome.RetryableFailure, DeliveryOutcome.RetryableFailure, DeliveryOutcome.Delivered],
            attempts.Select(a => a.Outcome));
        for (var i = 1; i < attempts.Count; i++)
        {
            var gap = attempts[i].StartedAt - attempts[i - 1].StartedAt;
            var backoff = TimeSpan.FromMilliseconds(100 * Math.Pow(2, i - 1));
            Assert.True(gap >= backoff, $"attempt {i + 1} came {gap.TotalMilliseconds} ms after attempt {i}; the backoff is {backoff.TotalMilliseconds} ms");
        }

        Assert.Equal(4, (await receiver.WaitForAsync(4)).Count);
        Assert.All(receiver.Requests, r => Assert.Equal(Encoding.UTF8.GetBytes(Body), r.Body));
        Assert.All(receiver.Requests, r => Assert.Equal(id, r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_404_is_a_permanent_failure_after_one_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.SuccessStatus = 404;

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Failed);
        await Task.Delay(600, TestContext.Current.CancellationToken); // several backoff periods: nothing more may happen
        Assert.Equal(1, (await app.MessageAsync(id)).AttemptCount);
        Assert.Equal(404, message.LastStatusCode);
        Assert.Equal(DeliveryOutcome.PermanentFailure, Assert.Single(await app.AttemptsAsync(id)).Outcome);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Five_retryable_failures_make_the_message_dead()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(settings: new Dictionary<string, string?> { ["Webhooks:BackoffBase"] = "00:00:00.020" });
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.FailNext(100);

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Dead);
        Assert.Equal(5, message.AttemptCount);
        Assert.Equal(5, (await app.AttemptsAsync(id)).Count);
        Assert.Equal(5, receiver.Requests.Count);
        Assert.Contains("HTTP 500", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(settings: new Dictionary<string, string?>
        {
            ["Webhooks:Timeout"] = "00:00:00.300",
            ["Webhooks:MaxAttempts"] = "2",
        });
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.ResponseDelay = TimeSpan.FromSeconds(3);

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Dead);
        Assert.All(await app.AttemptsAsync(id), a =>
        {
            Assert.Null(a.StatusCode);
            Assert.StartsWith("Timed out after 0.3 s", a.Error, StringComparison.Ordinal);
        });
        Assert.Equal(2, message.AttemptCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_committed_message_survives_a_restart_and_is_delivered_by_the_next_process(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        string org, id;
        await using (var first = WebhookTestApp.Create(database, dispatcher: false))
        {
            org = await first.CreateOrganizationAsync();
            receiver.PublicKeyPem = await first.PublicKeyAsync(org);
            id = await first.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);
            Assert.Equal(OutboxStatus.Pending, (await first.MessageAsync(id)).Status);
        }

        Assert.Empty(receiver.Requests);
        await using var second = WebhookTestApp.Create(database);
        await second.WaitForStatusAsync(id, OutboxStatus.Delivered);
        Assert.True(Assert.Single(receiver.Requests).SignatureValid);
    }

    [Fact]
    public async Task Without_an_allow_list_a_loopback_target_is_refused_and_the_refusal_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(allowLoopback: false);
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);

        var byAddress = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), Body);
        var byName = await app.EnqueueAsync(org, new Uri($"http://localhost:{receiver.BaseAddress.Port}/hooks"), Body);

        foreach (var id in new[] { byAddress, byName })
        {
            var message = await app.WaitForStatusAsync(id, OutboxStatus.Failed);
            var attempt = Assert.Single(await app.AttemptsAsync(id));
            Assert.Equal(DeliveryOutcome.Refused, attempt.Outcome);
            Assert.Null(attempt.StatusCode);
            Assert.Contains("Loopback", message.LastError, StringComparison.Ordinal);
        }

        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Redirects_are_not_followed_by_the_webhook_client()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var org = await app.CreateOrganizationAsync();
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);

        var id = await app.EnqueueAsync(org, receiver.UrlFor("/redirect?to=" + Uri.EscapeDataString(receiver.UrlFor("/hooks").ToString())), Body);

        var message = await app.WaitForStatusAsync(id, OutboxStatus.Failed);
        Assert.Equal(307, message.LastStatusCode);
        Assert.Contains("redirects are not followed", message.LastError, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
