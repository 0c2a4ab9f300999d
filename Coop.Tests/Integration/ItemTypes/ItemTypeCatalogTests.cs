using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.ItemTypes;

[Trait("Category", "Integration")]
public sealed class ItemTypeCatalogTests
{
    [Fact]
    public async Task Caches_the_latest_revisions_until_invalidated_or_stale()
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var catalog = new ItemTypeCatalog(factory, clock);
        var ct = TestContext.Current.CancellationToken;

        Assert.Single((await catalog.GetLatestAsync(organizationId, ct)).All);
        await AddTypeBehindTheCatalogsBackAsync(factory, organizationId, "Comment", ct);
        Assert.Null(await catalog.GetByNameAsync(organizationId, "Comment", cancellationToken: ct));

        clock.Advance(ItemTypeCatalog.LatestTtl + TimeSpan.FromSeconds(1));
        var comment = await catalog.GetByNameAsync(organizationId, "Comment", SchemaVariant.Partial, ct);
        Assert.NotNull(comment);
        Assert.Equal(SchemaVariant.Partial, comment.Variant);
        Assert.True((await catalog.GetLatestAsync(organizationId, ct)).Contains(comment.Id));

        await AddTypeBehindTheCatalogsBackAsync(factory, organizationId, "Message", ct);
        catalog.Invalidate(organizationId);
        Assert.NotNull(await catalog.GetByNameAsync(organizationId, "Message", cancellationToken: ct));
        Assert.Null(await catalog.GetAsync(organizationId, comment.Id, "1999-01-01T00:00:00.000000Z", cancellationToken: ct));
    }

    private static async Task AddTypeBehindTheCatalogsBackAsync(IDbContextFactory<CoopDbContext> factory, string organizationId, string name, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (itemType, revision) = ItemType.Create(organizationId, name, null,
            new ItemTypeSchema(ItemTypeKind.Content, [new ItemTypeField("text", ScalarType.String, true)]), TimeProvider.System.GetUtcNow().UtcDateTime, "test", id: $"{name.ToLowerInvariant()}-id");
        db.AddRange(itemType, revision);
        await db.SaveChangesAsync(ct);
    }
}
