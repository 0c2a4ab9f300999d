using System.Security.Cryptography;
using System.Text;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class SigningKeyTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_key_pair_is_made_on_first_use_kept_encrypted_and_rotation_keeps_the_old_public_key(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = WebhookTestApp.Create(database, dispatcher: false);
        var org = await app.CreateOrganizationAsync();
        var signer = app.Service<IWebhookSigner>();

        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => signer.GetPublicKeyPemAsync(org)));
        Assert.Single(first.Distinct());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", first[0], StringComparison.Ordinal);
        using (var rsa = RSA.Create())
        {
            rsa.ImportFromPem(first[0]);
            Assert.Equal(2048, rsa.KeySize);
        }

        var rotated = await app.RotateKeyAsync(org);

        Assert.NotEqual(first[0], rotated);
        Assert.Equal(rotated, await signer.GetPublicKeyPemAsync(org));
        await using var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var keys = await db.WebhookSigningKeys.AsNoTracking().Where(k => k.OrganizationId == org).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, keys.Count);
        var old = Assert.Single(keys, k => !k.IsActive);
        Assert.Equal(first[0], old.PublicKeyPem);
        Assert.NotNull(old.RetiredAt);
        Assert.All(keys, k =>
        {
            Assert.DoesNotContain("PRIVATE KEY", k.ProtectedPrivateKey, StringComparison.Ordinal);
            Assert.DoesNotContain("MII", k.ProtectedPrivateKey[..3], StringComparison.Ordinal); // not a bare PKCS#8 DER in base64
        });
    }

    [Fact]
    public async Task After_rotation_a_receiver_holding_the_old_key_rejects_and_one_holding_the_new_key_accepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var org = await app.CreateOrganizationAsync();
        var oldKey = await app.PublicKeyAsync(org);
        receiver.PublicKeyPem = oldKey;
        var before = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), "{\"n\":1}");
        await app.WaitForStatusAsync(before, OutboxStatus.Delivered);

        var newKey = await app.RotateKeyAsync(org);
        var after = await app.EnqueueAsync(org, receiver.UrlFor("/hooks"), "{\"n\":2}");

        var refused = await app.WaitForStatusAsync(after, OutboxStatus.Failed);
        Assert.Equal(401, refused.LastStatusCode);
        var rejected = receiver.Requests[^1];
        Assert.False(rejected.SignatureValid);
        Assert.True(WebhookReceiver.Verify(rejected.Body, rejected.Headers["Coop-Signature"], newKey));
        Assert.False(WebhookReceiver.Verify(rejected.Body, rejected.Headers["Coop-Signature"], oldKey));

        receiver.PublicKeyPem = newKey;
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            (await db.OutboxMessages.SingleAsync(m => m.Id == after, TestContext.Current.CancellationToken)).RetryNow(TimeProvider.System.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        app.Service<IWebhookOutbox>().Wake();
        await app.WaitForStatusAsync(after, OutboxStatus.Delivered);
        Assert.True(receiver.Requests[^1].SignatureValid);
        Assert.Equal(Encoding.UTF8.GetBytes("{\"n\":2}"), receiver.Requests[^1].Body);
    }
}
