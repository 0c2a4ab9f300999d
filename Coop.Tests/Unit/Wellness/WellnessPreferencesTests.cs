using Coop.Domain.Wellness;

namespace Coop.Tests.Unit.Wellness;

[Trait("Category", "Unit")]
public sealed class WellnessPreferencesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_any_saved_settings_a_reviewer_gets_coops_defaults()
    {
        var effective = WellnessSettings.Resolve(null, null);

        Assert.Equal(new WellnessPreferences(2, MediaTone.Grayscale, true, true), effective);
        Assert.True(effective.Blurs);
    }

    [Fact]
    public void A_reviewers_overrides_win_and_what_they_left_alone_follows_the_organization()
    {
        var organization = WellnessSettings.ForOrganization("org", Now);
        organization.SetDefaults(new WellnessPreferences(4, MediaTone.Sepia, false, true), Now);
        var user = WellnessSettings.ForUser("org", "ana", Now);
        user.SetOverrides(new WellnessOverrides(0, null, null, false), Now);

        Assert.Equal(new WellnessPreferences(0, MediaTone.Sepia, false, false), WellnessSettings.Resolve(organization, user));
        Assert.False(WellnessSettings.Resolve(organization, user).Blurs);

        organization.SetDefaults(new WellnessPreferences(6, MediaTone.Colour, true, true), Now);

        Assert.Equal(new WellnessPreferences(0, MediaTone.Colour, true, false), WellnessSettings.Resolve(organization, user));
        Assert.Equal(new WellnessPreferences(6, MediaTone.Colour, true, true), WellnessSettings.Resolve(organization, null));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(5, 24)]
    [InlineData(6, 40)]
    public void Blur_levels_map_to_growing_radii(int level, int pixels) => Assert.Equal(pixels, WellnessPreferences.BlurPixels(level));

    [Fact]
    public void Values_out_of_range_are_refused_with_field_errors()
    {
        var errors = WellnessPreferences.Errors(7, (MediaTone)9);

        Assert.Equal(["BlurLevel", "Tone"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(WellnessPreferences.Errors(null, null));
        Assert.Empty(WellnessPreferences.Errors(0, MediaTone.Sepia));
        var user = WellnessSettings.ForUser("org", "ana", Now);
        Assert.Throws<ArgumentOutOfRangeException>(() => user.SetOverrides(new WellnessOverrides(-1, null, null, null), Now));
    }
}
