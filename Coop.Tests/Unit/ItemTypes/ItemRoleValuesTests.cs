using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Tests.Unit.ItemTypes;

[Trait("Category", "Unit")]
public sealed class ItemRoleValuesTests
{
    [Fact]
    public void Extracts_every_content_role_from_normalized_data()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Content,
        [
            new ItemTypeField("title", ScalarType.String, false),
            new ItemTypeField("by", ScalarType.RelatedItem, true),
            new ItemTypeField("in", ScalarType.RelatedItem, false),
            new ItemTypeField("replyTo", ScalarType.RelatedItem, false),
            new ItemTypeField("at", ScalarType.Datetime, false),
            new ItemTypeField("removed", ScalarType.Boolean, false),
            new ItemTypeField("ip", ScalarType.IpAddress, false),
        ],
        new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?>
        {
            [ItemTypeRole.DisplayName] = "title", [ItemTypeRole.CreatorId] = "by", [ItemTypeRole.ThreadId] = "in",
            [ItemTypeRole.ParentId] = "replyTo", [ItemTypeRole.CreatedAt] = "at", [ItemTypeRole.IsDeleted] = "removed", [ItemTypeRole.IpAddress] = "ip",
        }));
        var raw = (JsonObject)JsonNode.Parse("""
            { "title": "Hello", "by": {"id":"u1","typeId":"user"}, "in": {"id":"t1","typeId":"thread"}, "replyTo": {"id":"p0","typeId":"post"},
              "at": "2024-05-06T07:08:09+02:00", "removed": "false", "ip": " 10.0.0.1 " }
            """)!;

        var normalized = ItemDataValidator.Validate(schema, raw).Data!;
        var roles = ItemRoleValues.Extract(schema, normalized);

        Assert.Equal(new ItemIdentifier("u1", "user"), roles.Creator);
        Assert.Equal(new ItemIdentifier("t1", "thread"), roles.Thread);
        Assert.Equal(new ItemIdentifier("p0", "post"), roles.Parent);
        Assert.Equal(new DateTime(2024, 5, 6, 5, 8, 9, DateTimeKind.Utc), roles.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, roles.CreatedAt!.Value.Kind);
        Assert.Equal("Hello", roles.DisplayName);
        Assert.False(roles.IsDeleted);
        Assert.Equal("10.0.0.1", roles.IpAddress);
    }

    [Fact]
    public void Extracts_user_roles_and_leaves_absent_ones_null()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.User,
        [
            new ItemTypeField("avatar", ScalarType.Image, false),
            new ItemTypeField("banner", ScalarType.Image, false),
            new ItemTypeField("mail", ScalarType.EmailAddress, false),
        ],
        new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?>
        {
            [ItemTypeRole.ProfileIcon] = "avatar", [ItemTypeRole.BackgroundImage] = "banner", [ItemTypeRole.Email] = "mail",
        }));

        var normalized = ItemDataValidator.Validate(schema, (JsonObject)JsonNode.Parse("""{"avatar":"https://a.example/me.png","mail":" me@x.example"}""")!).Data!;
        var roles = ItemRoleValues.Extract(schema, normalized);

        Assert.Equal("https://a.example/me.png", roles.ProfileIconUrl);
        Assert.Null(roles.BackgroundImageUrl);
        Assert.Equal("me@x.example", roles.Email);
        Assert.Null(roles.Creator);
        Assert.Null(roles.CreatedAt);
    }
}
