using Coop.Domain.ItemTypes;

namespace Coop.Tests.Unit.ItemTypes;

[Trait("Category", "Unit")]
public sealed class ItemTypeTests
{
    private static readonly DateTime Now = new DateTime(2026, 11, 24, 11, 21, 54, 123, DateTimeKind.Utc).AddTicks(4567);

    private static ItemTypeFieldRoles Roles(params (ItemTypeRole Role, string Field)[] roles) =>
        new(roles.Select(r => new KeyValuePair<ItemTypeRole, string?>(r.Role, r.Field)));

    private static IReadOnlyList<ItemTypeProblem> Problems(ItemTypeSchema schema) => schema.Check();

    [Fact]
    public void Creates_a_type_with_a_microsecond_iso_version_and_a_first_revision()
    {
        var (itemType, revision) = ItemType.Create("org", "  Post ", "  A post ", new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("text", ScalarType.String, true)]), Now, "ann@example.org");

        Assert.Equal("Post", itemType.Name);
        Assert.Equal("A post", itemType.Description);
        Assert.Equal("2026-11-24T11:21:54.123456Z", itemType.Version);
        Assert.Equal(16, itemType.Id.Length);
        Assert.Equal(itemType.Id, revision.ItemTypeId);
        Assert.Equal(itemType.Version, revision.Version);
        Assert.Equal(itemType.SchemaJson, revision.SchemaJson);
        Assert.Equal("ann@example.org", revision.CreatedBy);
    }

    [Fact]
    public void Every_update_makes_a_later_version_even_within_the_same_microsecond()
    {
        var (itemType, first) = ItemType.Create("org", "Post", null, new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("text", ScalarType.String, true)]), Now, null);

        var second = itemType.Update("Post", null, new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("text", ScalarType.String, true), new ItemTypeField("title", ScalarType.String, false)]), Now, null);
        var third = itemType.Update("Post", null, second.Schema, Now.AddTicks(3), null);

        Assert.Equal("2026-11-24T11:21:54.123457Z", second.Version);
        Assert.Equal("2026-11-24T11:21:54.123458Z", third.Version);
        Assert.Equal(third.Version, itemType.Version);
        Assert.Single(first.Schema.Fields);
        Assert.Equal(2, second.Schema.Fields.Count);
    }

    [Fact]
    public void An_imported_type_keeps_its_id_and_a_bad_id_is_refused()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Thread, [new ItemTypeField("title", ScalarType.String, false)]);

        Assert.Equal("thread-7", ItemType.Create("org", "Thread", null, schema, Now, "import", id: "thread-7").ItemType.Id);
        var ex = Assert.Throws<ItemTypeInvalidException>(() => ItemType.Create("org", "Thread", null, schema, Now, "import", id: "has space"));
        Assert.Equal("Id", Assert.Single(ex.Problems).Key);
    }

    [Fact]
    public void The_kind_cannot_change()
    {
        var (itemType, _) = ItemType.Create("org", "Post", null, new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("text", ScalarType.String, true)]), Now, null);

        var ex = Assert.Throws<ItemTypeInvalidException>(() => itemType.Update("Post", null,
            new ItemTypeSchema(ItemTypeKind.User, [new ItemTypeField("text", ScalarType.String, true)]), Now, null));
        Assert.Equal("Kind", Assert.Single(ex.Problems).Key);
    }

    [Fact]
    public void The_default_user_type_is_user_with_an_optional_name_and_cannot_be_deleted()
    {
        var (itemType, revision) = ItemType.CreateDefaultUserType("org", Now);

        Assert.Equal("User", itemType.Name);
        Assert.Equal(ItemTypeKind.User, itemType.Kind);
        Assert.True(itemType.IsDefaultUserType);
        Assert.True(revision.IsDefaultUserType);
        Assert.False(itemType.CanBeDeleted);
        Assert.Equal(new ItemTypeField("name", ScalarType.String, false), Assert.Single(itemType.Schema.Fields));
    }

    [Fact]
    public void Names_and_field_names_are_checked()
    {
        var ex = Assert.Throws<ItemTypeInvalidException>(() => ItemType.Create("org", " ", null, new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("a", ScalarType.String, true), new ItemTypeField("a", ScalarType.Number, false), new ItemTypeField("", ScalarType.String, false)]),
            Now, null));

        Assert.Equal(["Name", "Fields[1].Name", "Fields[2].Name"], ex.Problems.Select(p => p.Key));
        Assert.Equal(["Fields"], Problems(new ItemTypeSchema(ItemTypeKind.Content, [])).Select(p => p.Key));
    }

    public static TheoryData<ItemTypeKind, ItemTypeRole, ScalarType, bool> RoleRules => new()
    {
        { ItemTypeKind.Content, ItemTypeRole.CreatorId, ScalarType.RelatedItem, true },
        { ItemTypeKind.Thread, ItemTypeRole.CreatorId, ScalarType.RelatedItem, true },
        { ItemTypeKind.User, ItemTypeRole.CreatorId, ScalarType.RelatedItem, false },
        { ItemTypeKind.Content, ItemTypeRole.CreatorId, ScalarType.UserId, false },
        { ItemTypeKind.Thread, ItemTypeRole.ThreadId, ScalarType.RelatedItem, false },
        { ItemTypeKind.User, ItemTypeRole.ProfileIcon, ScalarType.Image, true },
        { ItemTypeKind.Content, ItemTypeRole.ProfileIcon, ScalarType.Image, false },
        { ItemTypeKind.User, ItemTypeRole.ProfileIcon, ScalarType.Url, false },
        { ItemTypeKind.User, ItemTypeRole.BackgroundImage, ScalarType.Image, true },
        { ItemTypeKind.User, ItemTypeRole.Email, ScalarType.EmailAddress, true },
        { ItemTypeKind.Thread, ItemTypeRole.Email, ScalarType.EmailAddress, false },
        { ItemTypeKind.User, ItemTypeRole.DisplayName, ScalarType.String, true },
        { ItemTypeKind.Thread, ItemTypeRole.DisplayName, ScalarType.Id, false },
        { ItemTypeKind.Content, ItemTypeRole.CreatedAt, ScalarType.Datetime, true },
        { ItemTypeKind.Content, ItemTypeRole.CreatedAt, ScalarType.String, false },
        { ItemTypeKind.Content, ItemTypeRole.IsDeleted, ScalarType.Boolean, true },
        { ItemTypeKind.User, ItemTypeRole.IpAddress, ScalarType.IpAddress, true },
        { ItemTypeKind.User, ItemTypeRole.IpAddress, ScalarType.String, false },
    };

    [Theory]
    [MemberData(nameof(RoleRules))]
    public void A_role_needs_a_field_of_its_type_on_a_kind_that_has_it(ItemTypeKind kind, ItemTypeRole role, ScalarType fieldType, bool allowed)
    {
        var schema = new ItemTypeSchema(kind, [new ItemTypeField("f", fieldType, false)], Roles((role, "f")));

        var problems = Problems(schema);

        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
        {
            Assert.Equal($"Roles.{ItemTypeRoleInfo.Get(role).WireName}", Assert.Single(problems).Key);
        }
    }

    [Fact]
    public void A_role_cannot_name_a_list_or_a_missing_field()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Content, [new ItemTypeField("when", ScalarType.Datetime, false, ContainerType.Array)],
            Roles((ItemTypeRole.CreatedAt, "when"), (ItemTypeRole.DisplayName, "ghost")));

        Assert.Equal(["Roles.createdAt", "Roles.displayName"], Problems(schema).Select(p => p.Key).Order());
    }

    [Fact]
    public void Thread_needs_created_at_and_parent_needs_thread_and_created_at()
    {
        ItemTypeField[] fields = [new("t", ScalarType.RelatedItem, false), new("p", ScalarType.RelatedItem, false), new("c", ScalarType.Datetime, false)];

        Assert.Equal(["Roles.threadId"], Problems(new ItemTypeSchema(ItemTypeKind.Content, fields, Roles((ItemTypeRole.ThreadId, "t")))).Select(p => p.Key));
        Assert.Equal(["Roles.parentId"], Problems(new ItemTypeSchema(ItemTypeKind.Content, fields,
            Roles((ItemTypeRole.ParentId, "p"), (ItemTypeRole.CreatedAt, "c")))).Select(p => p.Key));
        Assert.Empty(Problems(new ItemTypeSchema(ItemTypeKind.Content, fields,
            Roles((ItemTypeRole.ParentId, "p"), (ItemTypeRole.ThreadId, "t"), (ItemTypeRole.CreatedAt, "c")))));
    }

    [Fact]
    public void Hidden_fields_and_map_keys_are_checked()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Content,
            [new ItemTypeField("m", ScalarType.String, false, ContainerType.Map, ScalarType.Image), new ItemTypeField("s", ScalarType.String, false, null, ScalarType.String)],
            hiddenFields: ["m", "ghost"]);

        Assert.Equal(["Fields[0].KeyScalarType", "Fields[1].KeyScalarType", "HiddenFields"], Problems(schema).Select(p => p.Key));
    }

    [Fact]
    public void The_schema_round_trips_through_coop_shaped_json()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Content,
        [
            new ItemTypeField("text", ScalarType.String, true),
            new ItemTypeField("images", ScalarType.Image, false, ContainerType.Array),
            new ItemTypeField("scores", ScalarType.Number, false, ContainerType.Map, ScalarType.String),
            new ItemTypeField("by", ScalarType.RelatedItem, false),
        ], Roles((ItemTypeRole.CreatorId, "by")), ["scores"]);

        var json = schema.ToJson();
        var back = ItemTypeSchema.FromJson(json);

        Assert.Contains("""{"name":"images","type":"ARRAY","required":false,"container":{"containerType":"ARRAY","keyScalarType":null,"valueScalarType":"IMAGE"}}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"name":"text","type":"STRING","required":true,"container":null}""", json, StringComparison.Ordinal);
        Assert.Contains("\"schemaFieldRoles\":{\"creatorId\":\"by\"}", json, StringComparison.Ordinal);
        Assert.Equal(schema.Fields, back.Fields);
        Assert.Equal(schema.Roles, back.Roles);
        Assert.Equal(schema.HiddenFields, back.HiddenFields);
        Assert.Equal(json, back.ToJson());
    }
}
