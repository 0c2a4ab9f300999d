using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Configuration;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Configuration;

/// <summary>Item types in configuration files: validation with pointers, idempotent upserts, the default user type.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigItemTypeImportTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task Every_problem_of_a_file_is_reported_with_its_pointer_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.Admin);
        var theirs = await app.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.Admin), s =>
            s.SendAsync<CreateItemTypeCommand, ItemTypeDetails>(new("Theirs", null, ItemTypeKind.Content, [new("a", ScalarType.String, false)])));
        var post = await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), s =>
            s.SendAsync<CreateItemTypeCommand, ItemTypeDetails>(new("Post", null, ItemTypeKind.Content, [new("text", ScalarType.String, true)])));

        var file = $$"""
            { "version": 1,
              "itemTypes": [
                { "id": "comment", "name": "Comment", "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true } ] },
                { "id": "{{theirs.Id}}", "name": "Mine", "kind": "CONTENT", "fields": [ { "name": "a", "type": "STRING" } ] },
                { "id": "bad-field", "name": "Bad", "kind": "CONTENT", "fields": [ { "name": "a", "type": "STRING" }, { "name": "b", "type": "WORD" } ] },
                { "id": "{{post.Id}}", "name": "Post", "kind": "USER", "fields": [ { "name": "a", "type": "STRING" } ] },
                { "id": "file-user", "name": "User", "isDefaultUserType": true, "fields": [ { "name": "name", "type": "STRING" } ] },
                { "id": "second-user", "name": "User 2", "kind": "USER", "isDefaultUserType": true, "fields": [ { "name": "name", "type": "STRING" } ] },
                { "id": "has space", "name": "Spaced", "kind": "THREAD", "fields": [ { "name": "a", "type": "STRING" } ] },
                { "id": "comment-2", "name": "comment", "kind": "CONTENT", "fields": [ { "name": "a", "type": "STRING" } ] },
                { "id": "no-kind", "name": "No kind", "fields": [ { "name": "a", "type": "STRING" } ] }
              ],
              "actions": [ { "id": "hook", "name": "Hook", "callbackUrl": "https://platform.example/hook", "itemTypeIds": ["comment", "nope", "file-user"] } ] }
            """;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(new(file, "Acme"))));

        Assert.Equal(
            ["/actions/0/itemTypeIds/1", "/itemTypes/0/name", "/itemTypes/1/id", "/itemTypes/2/fields/1/type", "/itemTypes/3/kind",
             "/itemTypes/5/isDefaultUserType", "/itemTypes/6/id", "/itemTypes/7/name", "/itemTypes/8/kind"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains($"/itemTypes/1/id: The id '{theirs.Id}' belongs to another organization.", refused.Errors["/itemTypes/1/id"]);
        Assert.StartsWith("/itemTypes/3/kind: An item type's kind cannot change (it is CONTENT)", refused.Errors["/itemTypes/3/kind"][0], StringComparison.Ordinal);
        Assert.Contains("/actions/0/itemTypeIds/1: No item type 'nope' exists in the file or the organization.", refused.Errors["/actions/0/itemTypeIds/1"]);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await db.ItemTypes.CountAsync(t => t.OrganizationId == organizationId, TestContext.Current.CancellationToken));
        Assert.False(await db.Actions.AnyAsync(a => a.Id == "hook", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_upserts_by_id_matches_the_default_user_type_by_flag_and_revises_only_what_changed(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        var catalog = app.Services.GetRequiredService<ItemTypeCatalog>();
        var defaultUserType = Assert.Single((await catalog.GetLatestAsync(organizationId, TestContext.Current.CancellationToken)).All);

        const string Template = """
            { "version": 1,
              "itemTypes": [
                { "id": "staging-user-type", "name": "User", "description": "Platform accounts", "kind": "USER", "isDefaultUserType": true,
                  "fields": [ { "name": "name", "type": "STRING", "required": false }, { "name": "email", "type": "EMAIL_ADDRESS" } ],
                  "schemaFieldRoles": { "email": "email" } },
                { "id": "post", "name": "Post", "kind": "CONTENT", "fields": [ POST_FIELDS ] }
              ],
              "actions": [ { "id": "remove", "name": "Remove", "callbackUrl": "https://platform.example/remove", "itemTypeIds": ["post", "staging-user-type"] } ] }
            """;
        var first = Template.Replace("POST_FIELDS", """{ "name": "text", "type": "STRING", "required": true }""", StringComparison.Ordinal);

        var created = await Import(app, first);
        Assert.Equal(new ImportCounts(1, 1, 0), created.ItemTypes);
        Assert.Equal(new ImportCounts(1, 0, 0), created.Actions);

        // The catalog was warm before the import; it is invalidated, so ingestion sees the new types at once.
        var latest = await catalog.GetLatestAsync(organizationId, TestContext.Current.CancellationToken);
        Assert.Equal(["text"], latest.ById("post")!.Schema.Fields.Select(f => f.Name));
        Assert.Equal(defaultUserType.Id, latest.DefaultUserType!.Id);
        Assert.Equal("email", latest.DefaultUserType.Schema.Roles.Email);
        Assert.Null(latest.ById("staging-user-type"));

        var again = await Import(app, first);
        Assert.True(again.ChangedNothing);
        Assert.Equal(new ImportCounts(0, 0, 2), again.ItemTypes);

        var changed = await Import(app, Template.Replace("POST_FIELDS",
            """{ "name": "text", "type": "STRING", "required": true }, { "name": "title", "type": "STRING" }""", StringComparison.Ordinal));
        Assert.Equal(new ImportCounts(0, 1, 1), changed.ItemTypes);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == "post", TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == defaultUserType.Id, TestContext.Current.CancellationToken));
        Assert.False(await db.ItemTypes.AnyAsync(t => t.Id == "staging-user-type", TestContext.Current.CancellationToken));
        var action = await db.Actions.SingleAsync(a => a.Id == "remove", TestContext.Current.CancellationToken);
        Assert.Equal(new[] { "post", defaultUserType.Id }.Order(StringComparer.Ordinal), action.ItemTypeIds);
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action.StartsWith("item-type.") && a.OrganizationId == organizationId, TestContext.Current.CancellationToken));

        // The Actions form offers the organization's item types.
        var options = await app.AsUserAsync(admin, s => s.AskAsync<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>>(new()));
        Assert.Equal([new ItemTypeOption("post", "Post", "CONTENT"), new ItemTypeOption(defaultUserType.Id, "User", "USER")], options);
    }

    private static Task<ImportConfigurationResult> Import(CoopAppFactory app, string json) =>
        app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(new(json, "Acme")));
}
