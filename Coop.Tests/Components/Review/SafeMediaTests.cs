using Bunit;
using Coop.Domain.ItemTypes;
using Coop.Domain.Wellness;
using Coop.Tests.Support;
using Coop.Web.Features.Review.Jobs.Components;

namespace Coop.Tests.Components.Review;

[Trait("Category", "Component")]
public sealed class SafeMediaTests : CoopComponentTest
{
    private IRenderedComponent<SafeMedia> Media(WellnessPreferences? preferences, ScalarType kind = ScalarType.Image, string url = "https://cdn.example/a.jpg") =>
        Render<SafeMedia>(p =>
        {
            p.Add(x => x.Url, url).Add(x => x.Kind, kind);
            if (preferences is not null)
            {
                p.Add(x => x.Preferences, preferences);
            }
        });

    [Fact]
    public void Without_settings_media_is_blurred_grey_and_shown_on_hover_with_coops_defaults()
    {
        var media = Media(null).Find("[data-testid=media]");

        Assert.Equal(("true", "grayscale"), (media.GetAttribute("data-blurred"), media.GetAttribute("data-tone")));
        Assert.Contains("--coop-blur: 8px", media.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--coop-gray: 1", media.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("coop-hover-unblur", media.ClassList);
    }

    [Fact]
    public void The_reviewers_strength_tone_and_hover_choice_shape_the_media()
    {
        var cut = Media(new WellnessPreferences(6, MediaTone.Sepia, false, true));
        var media = cut.Find("[data-testid=media]");

        Assert.Contains("--coop-blur: 40px", media.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--coop-sepia: 1", media.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--coop-gray: 0", media.GetAttribute("style"), StringComparison.Ordinal);
        Assert.DoesNotContain("coop-hover-unblur", media.ClassList);

        cut.Find("[data-testid=media-toggle]").Click();

        Assert.Equal("false", cut.Find("[data-testid=media]").GetAttribute("data-blurred"));
    }

    [Fact]
    public void Blur_level_zero_shows_media_at_once_without_a_toggle_but_keeps_the_tone()
    {
        var cut = Media(new WellnessPreferences(0, MediaTone.Grayscale, true, true));

        Assert.Equal("false", cut.Find("[data-testid=media]").GetAttribute("data-blurred"));
        Assert.Empty(cut.FindAll("[data-testid=media-toggle]"));
        Assert.Contains("--coop-gray: 1", cut.Find("[data-testid=media]").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void Videos_follow_the_mute_setting_never_autoplay_and_show_themselves_when_played()
    {
        Assert.True(Media(WellnessPreferences.Default, ScalarType.Video, "https://cdn.example/c.mp4").Find("video").HasAttribute("muted"));
        var loud = Media(WellnessPreferences.Default with { MuteVideos = false }, ScalarType.Video, "https://cdn.example/c.mp4");
        Assert.False(loud.Find("video").HasAttribute("muted"));
        Assert.False(loud.Find("video").HasAttribute("autoplay"));
        Assert.DoesNotContain("coop-hover-unblur", loud.Find("[data-testid=media]").ClassList);

        loud.Find("video").TriggerEvent("onplay", EventArgs.Empty);

        Assert.Equal("false", loud.Find("[data-testid=media]").GetAttribute("data-blurred"));
    }
}
