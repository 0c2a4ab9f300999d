using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;
using Coop.Web.Features.Ingestion.Components;

namespace Coop.Tests.Unit.ItemTypes;

[Trait("Category", "Unit")]
public sealed class ItemTypeExampleTests
{
    [Fact]
    public void The_example_request_validates_against_its_own_schema()
    {
        var schema = new ItemTypeSchema(ItemTypeKind.Content,
            [.. ItemTypeWireNames.AllScalars.Select(t => new ItemTypeField(t.ToWire().ToLowerInvariant(), t, true)),
             new ItemTypeField("photos", ScalarType.Image, true, ContainerType.Array),
             new ItemTypeField("scores", ScalarType.Number, true, ContainerType.Map, ScalarType.String)]);

        var body = JsonNode.Parse(ItemTypeExample.RequestBody("post-type", schema, "user-type"))!;
        var item = body["items"]![0]!;
        var result = ItemDataValidator.Validate(schema, item["data"]!.AsObject(), SchemaVariant.Original, "/items/0/data", id => id == "user-type");

        Assert.Equal("post-type", item["typeId"]!.GetValue<string>());
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Pointer}: {e.Detail}")));
    }
}
