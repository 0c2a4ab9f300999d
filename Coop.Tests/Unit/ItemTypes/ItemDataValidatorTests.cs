using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Tests.Unit.ItemTypes;

[Trait("Category", "Unit")]
public sealed class ItemDataValidatorTests
{
    private const string Prefix = "/items/3/data";

    private static readonly ItemTypeSchema Post = new(ItemTypeKind.Content,
    [
        new ItemTypeField("text", ScalarType.String, true),
        new ItemTypeField("author", ScalarType.RelatedItem, false),
        new ItemTypeField("thread", ScalarType.RelatedItem, false),
        new ItemTypeField("parent", ScalarType.RelatedItem, false),
        new ItemTypeField("created", ScalarType.Datetime, false),
        new ItemTypeField("images", ScalarType.Image, false, ContainerType.Array),
        new ItemTypeField("scores", ScalarType.Number, false, ContainerType.Map, ScalarType.String),
        new ItemTypeField("deleted", ScalarType.Boolean, false),
        new ItemTypeField("link", ScalarType.Url, false),
        new ItemTypeField("a/b~c", ScalarType.Number, false),
    ],
    new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?>
    {
        [ItemTypeRole.CreatorId] = "author",
        [ItemTypeRole.ThreadId] = "thread",
        [ItemTypeRole.ParentId] = "parent",
        [ItemTypeRole.CreatedAt] = "created",
        [ItemTypeRole.IsDeleted] = "deleted",
        [ItemTypeRole.DisplayName] = "text",
    }));

    private static ItemDataValidationResult Validate(string json, SchemaVariant variant = SchemaVariant.Original) =>
        ItemDataValidator.Validate(Post, (JsonObject)JsonNode.Parse(json)!, variant, Prefix, id => id is "users" or "threads" or "posts");

    [Fact]
    public void Normalizes_known_fields_and_keeps_unknown_keys_verbatim()
    {
        var result = Validate("""
            { "text": "hi", "images": ["https://cdn.example/1.png", null, ""], "deleted": "1", "scores": { "spam": "0.5", "gone": null },
              "extra": { "nested": [1, null, "x"] }, "link": "", "created": "2024-01-02T03:04:05+01:00", "nothing": null }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(
            """{"text":"hi","images":[{"url":"https://cdn.example/1.png"}],"deleted":true,"scores":{"spam":0.5},"extra":{"nested":[1,null,"x"]},"created":"2024-01-02T02:04:05.000Z"}""",
            result.Data!.ToJsonString());
    }

    [Fact]
    public void A_missing_or_null_or_emptied_required_field_is_reported_at_its_pointer()
    {
        foreach (var json in new[] { "{}", """{"text":null}""" })
        {
            var error = Assert.Single(Validate(json).Errors);
            Assert.Equal("/items/3/data/text", error.Pointer);
            Assert.Equal("The field 'text' is required, but was not provided.", error.Detail);
            Assert.Equal(ItemErrorTypes.DataInvalidForItemType, error.Type);
            Assert.Equal("Invalid Data for Item", error.Title);
        }
    }

    [Fact]
    public void An_empty_string_is_a_value_for_a_required_string()
    {
        Assert.True(Validate("""{"text":""}""").IsValid);
    }

    [Fact]
    public void The_partial_variant_makes_every_field_optional_but_still_checks_types()
    {
        Assert.True(Validate("{}", SchemaVariant.Partial).IsValid);
        var error = Assert.Single(Validate("""{"deleted":"maybe"}""", SchemaVariant.Partial).Errors);
        Assert.Equal("/items/3/data/deleted", error.Pointer);
    }

    [Fact]
    public void A_wrong_value_echoes_it_with_the_reason()
    {
        var error = Assert.Single(Validate("""{"text":42}""").Errors);

        Assert.Equal("/items/3/data/text", error.Pointer);
        Assert.Equal("The field 'text' has an invalid value. The value you provided was: 42. This field, if given, must be a string.", error.Detail);
    }

    [Fact]
    public void Bad_array_elements_and_map_entries_are_reported_each_at_its_own_pointer()
    {
        var errors = Validate("""{"text":"t","images":["https://ok.example/a.png","nope",5],"scores":{"spam":"x"}}""").Errors;

        Assert.Equal(["/items/3/data/images/1", "/items/3/data/images/2", "/items/3/data/scores/spam"], errors.Select(e => e.Pointer));
        Assert.Contains("at index 1", errors[0].Detail, StringComparison.Ordinal);
        Assert.Contains("for the key 'spam'", errors[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_of_the_wrong_shape_is_refused()
    {
        var errors = Validate("""{"text":"t","images":"https://a.example/x.png","scores":[1]}""").Errors;

        Assert.Equal(["/items/3/data/images", "/items/3/data/scores"], errors.Select(e => e.Pointer));
        Assert.Contains("must be an array", errors[0].Detail, StringComparison.Ordinal);
        Assert.Contains("must be an object", errors[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Pointer_tokens_are_escaped()
    {
        var error = Assert.Single(Validate("""{"text":"t","a/b~c":"x"}""").Errors);

        Assert.Equal("/items/3/data/a~1b~0c", error.Pointer);
    }

    [Fact]
    public void Related_items_must_name_an_item_type_of_the_organization()
    {
        var error = Assert.Single(Validate("""{"text":"t","author":{"id":"u1","typeId":"strangers"}}""").Errors);

        Assert.Equal("/items/3/data/author", error.Pointer);
    }

    [Fact]
    public void A_parent_needs_a_thread_and_a_creation_time()
    {
        var error = Assert.Single(Validate("""{"text":"t","parent":{"id":"p","typeId":"posts"},"thread":{"id":"t","typeId":"threads"}}""").Errors);

        Assert.Equal(ItemErrorTypes.FieldRolesInvalidForItemType, error.Type);
        Assert.Equal("/items/3/data/parent", error.Pointer);
        Assert.Equal("Invalid field roles for Item", error.Title);
    }

    [Fact]
    public void A_thread_needs_a_creation_time_even_when_it_was_given_as_an_empty_string()
    {
        var error = Assert.Single(Validate("""{"text":"t","thread":{"id":"t","typeId":"threads"},"created":""}""").Errors);

        Assert.Equal(ItemErrorTypes.FieldRolesInvalidForItemType, error.Type);
        Assert.Equal("/items/3/data/thread", error.Pointer);
        Assert.True(Validate("""{"text":"t","thread":{"id":"t","typeId":"threads"},"created":"2024-01-01T00:00:00Z"}""").IsValid);
    }

    [Fact]
    public void Role_dependencies_apply_to_content_types_only()
    {
        var thread = new ItemTypeSchema(ItemTypeKind.Thread, [new ItemTypeField("owner", ScalarType.RelatedItem, false)],
            new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?> { [ItemTypeRole.CreatorId] = "owner" }));

        var result = ItemDataValidator.Validate(thread, (JsonObject)JsonNode.Parse("""{"owner":{"id":"u","typeId":"users"}}""")!);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void The_input_is_not_modified()
    {
        var data = (JsonObject)JsonNode.Parse("""{"text":"t","deleted":"0","images":["https://a.example/x.png"]}""")!;
        var before = data.ToJsonString();

        ItemDataValidator.Validate(Post, data, SchemaVariant.Original, Prefix);

        Assert.Equal(before, data.ToJsonString());
    }
}
