using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>
/// The real app tuned for webhook tests (tiny backoff, short poll, loopback allowed unless asked
/// otherwise), with intent methods: enqueue a message the way a producer does, wait for its fate,
/// read its attempts, get or rotate the signing key.
/// </summary>
public sealed class WebhookTestApp : IAsyncDisposable
{
    private WebhookTestApp(CoopAppFactory app) => App = app;

    public CoopAppFactory App { get; }

    public static WebhookTestApp Create(
        TestDatabase? database = null, bool allowLoopback = true, bool dispatcher = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(database?.Settings() ?? [])
        {
            ["Webhooks:DispatcherEnabled"] = dispatcher ? "true" : "false",
            ["Webhooks:BackoffBase"] = "00:00:00.100",
            ["Webhooks:PollInterval"] = "00:00:00.250",
            ["Webhooks:Timeout"] = "00:00:05",
        };
        if (allowLoopback)
        {
            all["Outbound:AllowedNetworks:0"] = "127.0.0.0/8";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new WebhookTestApp(new CoopAppFactory(all));
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public Task<string> CreateOrganizationAsync(string name = "Acme") => OrganizationBuilder.CreateAsync(App, name);

    /// <summary>Enqueues as a producer does: Add to its own context, one SaveChanges.</summary>
    public async Task<string> EnqueueAsync(string organizationId, Uri target, string body, string? headersJson = null, string? itemId = "item-1")
    {
        await using var db = await Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        var message = OutboxMessage.Create(organizationId, OutboxMessageKinds.ActionCallback, target.ToString(), body, headersJson,
            TimeProvider.System.GetUtcNow().UtcDateTime, actionId: "action-1", itemId: itemId, itemTypeId: "type-1");
        Service<IWebhookOutbox>().Enqueue(db, message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    public async Task<OutboxMessage> MessageAsync(string id)
    {
        await using var db = await Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<OutboxMessage> WaitForStatusAsync(string id, OutboxStatus status, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await MessageAsync(id);
            if (message.Status == status)
            {
                return message;
            }

            try
            {
                await Task.Delay(25, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"message {id} is {message.Status} after {message.AttemptCount} attempt(s) ({message.LastError}), not {status}");
            }
        }
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(string id)
    {
        await using var db = await Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        return await db.DeliveryAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.AttemptNumber).ToListAsync();
    }

    public Task<string> PublicKeyAsync(string organizationId) => Service<IWebhookSigner>().GetPublicKeyPemAsync(organizationId);

    public async Task<string> RotateKeyAsync(string organizationId)
    {
        await using var db = await Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        var key = await Service<IWebhookSigner>().RotateAsync(db, organizationId);
        await db.SaveChangesAsync();
        return key.PublicKeyPem;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
