using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.ItemTypes;

/// <summary>The item type use cases and the catalog against real databases.</summary>
[Trait("Category", "Integration")]
public sealed class ItemTypeUseCaseTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly ItemTypeField[] PostFields =
    [
        new("text", ScalarType.String, true),
        new("author", ScalarType.RelatedItem, false),
        new("images", ScalarType.Image, false, ContainerType.Array),
    ];

    private static readonly ItemTypeFieldRoles PostRoles = new(new Dictionary<ItemTypeRole, string?> { [ItemTypeRole.CreatorId] = "author" });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_update_resolve_and_delete_keep_every_revision_readable(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        var catalog = app.Services.GetRequiredService<ItemTypeCatalog>();

        var initial = await app.AsUserAsync(admin, s => Handle(s, new ListItemTypesQuery()));
        var userType = Assert.Single(initial);
        Assert.True(userType.IsDefaultUserType);
        Assert.Equal(ItemTypeKind.User, userType.Kind);
        Assert.Equal(userType.Id, (await catalog.GetDefaultUserTypeAsync(organizationId, TestContext.Current.CancellationToken))?.Id);

        var created = await app.AsUserAsync(admin, s => Send(s,
            new CreateItemTypeCommand("Post", "A post", ItemTypeKind.Content, PostFields, PostRoles, ["images"])));
        var first = await catalog.GetAsync(organizationId, created.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(created.Version, first?.Version);

        var updated = await app.AsUserAsync(admin, s => Send(s, new UpdateItemTypeCommand(created.Id, created.Version, "Post", null,
            [.. PostFields, new ItemTypeField("title", ScalarType.String, false)], PostRoles)));
        Assert.Equal(2, updated.RevisionCount);
        Assert.True(string.CompareOrdinal(updated.Version, created.Version) > 0);

        var stale = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(admin, s => Send(s,
            new UpdateItemTypeCommand(created.Id, created.Version, "Post", null, PostFields, PostRoles))));
        Assert.Contains("Someone else changed", stale.Message, StringComparison.Ordinal);

        var latest = await catalog.GetAsync(organizationId, created.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(updated.Version, latest!.Version);
        Assert.Equal(4, latest.Schema.Fields.Count);
        var old = await catalog.GetAsync(organizationId, created.Id, created.Version, SchemaVariant.Partial, TestContext.Current.CancellationToken);
        Assert.Equal(3, old!.Schema.Fields.Count);
        Assert.Equal(SchemaVariant.Partial, old.Variant);
        Assert.False(old.IsLatest);
        Assert.Equal(created.Id, (await catalog.GetByNameAsync(organizationId, "Post", cancellationToken: TestContext.Current.CancellationToken))?.Id);
        Assert.Null(await catalog.GetByNameAsync(organizationId, "post", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await catalog.GetAsync("another-org", created.Id, cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(await app.AsUserAsync(admin, s => Send(s, new DeleteItemTypeCommand(created.Id))));
        Assert.Null(await catalog.GetAsync(organizationId, created.Id, cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotNull(await catalog.GetAsync(organizationId, created.Id, created.Version, cancellationToken: TestContext.Current.CancellationToken));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(admin, s => Send(s, new DeleteItemTypeCommand(userType.Id))));
        Assert.Contains("default user type", refused.Message, StringComparison.Ordinal);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var audit = await db.AuditEntries.Where(a => a.OrganizationId == organizationId && a.TargetType == "item-type")
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["item-type.created", "item-type.updated", "item-type.deleted"], audit);
        Assert.Equal(2, await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == created.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refusals_name_the_offending_input()
    {
        await using var app = new CoopAppFactory();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(admin, s => Send(s,
            new CreateItemTypeCommand("user", null, ItemTypeKind.User, [new ItemTypeField("name", ScalarType.String, false)]))));
        Assert.Equal(["Name"], duplicate.Errors.Keys);

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(admin, s => Send(s,
            new CreateItemTypeCommand("Comment", null, ItemTypeKind.Content, [new ItemTypeField("text", ScalarType.String, true), new ItemTypeField("text", ScalarType.Number, false)],
                new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?> { [ItemTypeRole.ProfileIcon] = "text" })))));
        Assert.Equal(["Fields[1].Name", "Roles.profileIcon"], invalid.Errors.Keys.Order());

        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(moderator, s => Send(s,
            new CreateItemTypeCommand("Comment", null, ItemTypeKind.Content, PostFields))));
        Assert.Single(await app.AsUserAsync(moderator, s => Handle(s, new ListItemTypesQuery())));
    }

    private static Task<IReadOnlyList<ItemTypeSummary>> Handle(IServiceProvider services, ListItemTypesQuery query) =>
        services.GetRequiredService<IQueryHandler<ListItemTypesQuery, IReadOnlyList<ItemTypeSummary>>>().HandleAsync(query);

    private static Task<ItemTypeDetails> Send(IServiceProvider services, CreateItemTypeCommand command) =>
        services.GetRequiredService<ICommandHandler<CreateItemTypeCommand, ItemTypeDetails>>().HandleAsync(command);

    private static Task<ItemTypeDetails> Send(IServiceProvider services, UpdateItemTypeCommand command) =>
        services.GetRequiredService<ICommandHandler<UpdateItemTypeCommand, ItemTypeDetails>>().HandleAsync(command);

    private static Task<bool> Send(IServiceProvider services, DeleteItemTypeCommand command) =>
        services.GetRequiredService<ICommandHandler<DeleteItemTypeCommand, bool>>().HandleAsync(command);
}
