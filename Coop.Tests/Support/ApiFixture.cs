using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>
/// A platform integration ready to call the API: an app on a fresh database with an organization, a "Post" content
/// type (id <c>post</c>: text required, score, author as creator), a "Member" user type (id <c>user</c>) and an API key.
/// </summary>
public sealed class ApiFixture : IAsyncDisposable
{
    public const string PostSchema = """
        { "kind": "CONTENT", "fields": [
            { "name": "text", "type": "STRING", "required": true },
            { "name": "score", "type": "NUMBER", "required": false },
            { "name": "author", "type": "RELATED_ITEM", "required": false },
            { "name": "images", "type": "ARRAY", "required": false, "container": { "valueScalarType": "IMAGE" } } ],
          "schemaFieldRoles": { "creatorId": "author" } }
        """;

    private readonly TestDatabase database;

    private ApiFixture(TestDatabase database, CoopAppFactory app, PlatformClient client, string organizationId)
    {
        this.database = database;
        App = app;
        Client = client;
        OrganizationId = organizationId;
    }

    public CoopAppFactory App { get; }

    public PlatformClient Client { get; }

    public string OrganizationId { get; }

    public static async Task<ApiFixture> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? extra = null, Action<CoopAppFactory>? configure = null)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = new CoopAppFactory(settings);
        configure?.Invoke(app);
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await ItemTypeBuilder.CreateAsync(app, organizationId, "post", "Post", PostSchema);
        await ItemTypeBuilder.CreateAsync(app, organizationId, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        return new ApiFixture(database, app, await PlatformClient.CreateAsync(app, organizationId), organizationId);
    }

    public async Task<CoopDbContext> ContextAsync() =>
        await App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();

    /// <summary>Waits until <paramref name="condition"/> holds in the database (background work: ingestion, routing, delivery).</summary>
    public async Task WaitUntilAsync(Func<CoopDbContext, Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            await using (var db = await ContextAsync())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(25, cts.Token);
        }
    }

    /// <summary>Waits until the ingestion worker has processed the item.</summary>
    public Task WaitForItemAsync(string itemId) => WaitUntilAsync(db => db.Set<Item>().AnyAsync(i => i.ItemId == itemId));

    /// <summary>Adds a policy with a chosen id, as a config import would.</summary>
    public async Task AddPolicyAsync(string id, string name, string? parentId = null)
    {
        await using var db = await ContextAsync();
        db.Policies.Add(Policy.Create(OrganizationId, id, new PolicyDetails(name, parentId, null, null, Penalty.Medium, 1, false),
            TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a custom (webhook) action with a chosen id.</summary>
    public async Task AddActionAsync(string id, string name, string callbackUrl = "https://platform.example/hooks/coop")
    {
        await using var db = await ContextAsync();
        db.Actions.Add(ActionDefinition.CreateCustom(OrganizationId, id,
            new ActionDefinitionDetails(name, null, [], callbackUrl, [], null, false), TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await database.DisposeAsync();
    }
}
