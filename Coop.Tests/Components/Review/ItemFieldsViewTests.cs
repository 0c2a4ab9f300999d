using System.Text.Json.Nodes;
using Bunit;
using Coop.Domain.ItemTypes;
using Coop.Tests.Support;
using Coop.Web.Features.Review.Jobs;
using Coop.Web.Features.Review.Jobs.Components;

namespace Coop.Tests.Components.Review;

[Trait("Category", "Component")]
public sealed class ItemFieldsViewTests : CoopComponentTest
{
    private static ItemDisplay Item(params (string Name, ScalarType Type, ContainerType? Container, JsonNode? Value)[] fields) =>
        new("post", "Post", ItemTypeKind.Content, "p1", true,
            [.. fields.Select(f => new FieldDisplay(f.Name, new ItemTypeField(f.Name, f.Type, false, f.Container), f.Value))],
            [new FieldDisplay("sneaky", null, JsonNode.Parse("""{ "html": "<iframe src=//evil>" }"""))]);

    [Fact]
    public void Hostile_content_is_rendered_as_inert_text()
    {
        var cut = Render<ItemFieldsView>(p => p.Add(x => x.Item, Item(
            ("text", ScalarType.String, null, JsonValue.Create("<script>alert(1)</script><img src=x onerror=alert(2)>")),
            ("link", ScalarType.Url, null, JsonValue.Create("javascript:alert(3)")),
            ("site", ScalarType.Url, null, JsonValue.Create("https://example.org/page")),
            ("photo", ScalarType.Image, null, JsonValue.Create("javascript:alert(4)")))));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("iframe"));
        Assert.DoesNotContain(cut.FindAll("*"), e => e.HasAttribute("onerror"));
        Assert.DoesNotContain(cut.FindAll("a"), a => (a.GetAttribute("href") ?? string.Empty).StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
        var site = Assert.Single(cut.FindAll("a"));
        Assert.Equal(("https://example.org/page", "noopener noreferrer nofollow", "_blank"), (site.GetAttribute("href"), site.GetAttribute("rel"), site.GetAttribute("target")));
        Assert.Empty(cut.FindAll("img"));
        Assert.NotNull(cut.Find("[data-testid=media-unsafe]"));
        Assert.Contains("&lt;iframe", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_is_blurred_until_the_reviewer_chooses_to_look_and_videos_are_muted()
    {
        var cut = Render<ItemFieldsView>(p => p.Add(x => x.Item, Item(
            ("photos", ScalarType.Image, ContainerType.Array, new JsonArray("https://cdn.example/a.jpg", "https://cdn.example/b.jpg")),
            ("clip", ScalarType.Video, null, JsonValue.Create("https://cdn.example/c.mp4")))));

        Assert.All(cut.FindAll("[data-testid=media]"), m => Assert.Equal("true", m.GetAttribute("data-blurred")));
        Assert.True(cut.Find("video").HasAttribute("muted"));
        Assert.False(cut.Find("video").HasAttribute("autoplay"));

        cut.FindAll("[data-testid=media-toggle]")[0].Click();

        var media = cut.FindAll("[data-testid=media]");
        Assert.Equal(["false", "true", "true"], media.Select(m => m.GetAttribute("data-blurred")));
    }
}
