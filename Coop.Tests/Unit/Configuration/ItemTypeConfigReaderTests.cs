using Coop.Domain.Common;
using Coop.Domain.ItemTypes;
using Coop.Web.Features.Configuration;

namespace Coop.Tests.Unit.Configuration;

[Trait("Category", "Unit")]
public sealed class ItemTypeConfigReaderTests
{
    [Theory]
    [InlineData("your-item-type-id", true)]
    [InlineData("reporter-user-type-id", true)]
    [InlineData("1e279f38de468941", true)]
    [InlineData("ns:type/v2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("tab\tbed", false)]
    [InlineData("line\nbreak", false)]
    public void Config_ids_are_opaque_strings_without_whitespace(string id, bool valid) => Assert.Equal(valid, ConfigIds.IsValid(id));

    [Fact]
    public void Config_ids_have_at_most_64_characters()
    {
        Assert.True(ConfigIds.IsValid(new string('a', 64)));
        Assert.False(ConfigIds.IsValid(new string('a', 65)));
        Assert.False(ConfigIds.IsValid(null));
    }

    [Theory]
    [InlineData("Name", "name")]
    [InlineData("Fields", "fields")]
    [InlineData("Fields[2].Name", "fields/2/name")]
    [InlineData("Fields[0].KeyScalarType", "fields/0/container/keyScalarType")]
    [InlineData("Roles.creatorId", "schemaFieldRoles/creatorId")]
    [InlineData("HiddenFields", "hiddenFields")]
    public void Domain_problem_keys_become_json_pointers(string key, string pointer) => Assert.Equal(pointer, ItemTypeConfigReader.Pointer(key));

    [Fact]
    public void A_valid_entry_becomes_the_schema_and_every_problem_is_reported_with_its_pointer()
    {
        var problems = new List<string>();
        var reader = new ItemTypeConfigReader((pointer, message) => problems.Add($"{pointer}: {message}"));
        var good = new ItemTypeConfig("post", "Post", Kind: "CONTENT", Fields:
            [new("text", "STRING", true), new("tags", "MAP", false, new(null, null, "NUMBER")), new("photos", "ARRAY", false, new("ARRAY", null, "IMAGE"))],
            HiddenFields: ["tags"]);

        var schema = reader.Read(good, ItemTypeKind.Content, "/itemTypes/0");

        Assert.Empty(problems);
        Assert.NotNull(schema);
        Assert.Equal(["STRING", "MAP<STRING, NUMBER>", "ARRAY<IMAGE>"], schema.Fields.Select(f => f.DisplayType));
        Assert.True(schema.Fields[0].Required);
        Assert.Equal(["tags"], schema.HiddenFields);

        var bad = new ItemTypeConfig("post", "Post", Kind: "CONTENT", Fields:
            [new("text", "STRING", true), new("count", "INTEGER"), new("tags", "MAP"), new("list", "ARRAY", false, new("MAP", "STRING", "NUMBER"))],
            SchemaFieldRoles: new Dictionary<string, string?> { ["author"] = "text" });

        Assert.Null(reader.Read(bad, ItemTypeKind.Content, "/itemTypes/2"));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/2/fields/1/type: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/2/fields/2/container: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/2/fields/3/container/containerType: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/2/fields/3/container/keyScalarType: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/2/schemaFieldRoles/author: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_invariants_are_reported_below_the_entry()
    {
        var problems = new List<string>();
        var reader = new ItemTypeConfigReader((pointer, message) => problems.Add($"{pointer}: {message}"));
        var entry = new ItemTypeConfig("post", " ", Kind: "CONTENT", Fields: [new("text", "STRING"), new("text", "NUMBER")],
            SchemaFieldRoles: new Dictionary<string, string?> { ["creatorId"] = "text" }, HiddenFields: ["missing"]);

        Assert.Null(reader.Read(entry, ItemTypeKind.Content, "/itemTypes/1"));

        Assert.Contains(problems, p => p.StartsWith("/itemTypes/1/name: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/1/fields/1/name: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/1/schemaFieldRoles/creatorId: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/itemTypes/1/hiddenFields: ", StringComparison.Ordinal));
    }
}
