namespace Coop.Domain.Wellness;

/// <summary>
/// Wellness settings stored for an organization (its defaults: <see cref="UserId"/> is empty) or for one reviewer in it
/// (their overrides: null columns follow the organization). One row per organization and per reviewer who changed anything.
/// </summary>
public sealed class WellnessSettings
{
    private WellnessSettings()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>The reviewer these overrides belong to; empty for the organization's defaults.</summary>
    public string UserId { get; private set; } = string.Empty;

    public int? BlurLevel { get; private set; }

    public MediaTone? Tone { get; private set; }

    public bool? UnblurOnHover { get; private set; }

    public bool? MuteVideos { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public bool IsOrganizationDefault => UserId.Length == 0;

    public static WellnessSettings ForOrganization(string organizationId, DateTime now) => new()
    {
        OrganizationId = Require(organizationId),
        UpdatedAt = now,
    };

    public static WellnessSettings ForUser(string organizationId, string userId, DateTime now) => new()
    {
        OrganizationId = Require(organizationId),
        UserId = Require(userId),
        UpdatedAt = now,
    };

    /// <summary>The organization's defaults this row holds (missing values take Coop's defaults).</summary>
    public WellnessPreferences AsDefaults() => WellnessPreferences.Default.With(AsOverrides());

    public WellnessOverrides AsOverrides() => new(BlurLevel, Tone, UnblurOnHover, MuteVideos);

    /// <summary>Stores the organization's defaults (every value set).</summary>
    public void SetDefaults(WellnessPreferences defaults, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        Check(defaults.BlurLevel, defaults.Tone);
        (BlurLevel, Tone, UnblurOnHover, MuteVideos, UpdatedAt) = (defaults.BlurLevel, defaults.Tone, defaults.UnblurOnHover, defaults.MuteVideos, now);
    }

    /// <summary>Stores a reviewer's overrides (nulls follow the organization).</summary>
    public void SetOverrides(WellnessOverrides overrides, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Check(overrides.BlurLevel, overrides.Tone);
        (BlurLevel, Tone, UnblurOnHover, MuteVideos, UpdatedAt) = (overrides.BlurLevel, overrides.Tone, overrides.UnblurOnHover, overrides.MuteVideos, now);
    }

    /// <summary>The effective settings of a reviewer, from the organization's row and theirs (either may be missing).</summary>
    public static WellnessPreferences Resolve(WellnessSettings? organization, WellnessSettings? user) =>
        (organization?.AsDefaults() ?? WellnessPreferences.Default).With(user?.AsOverrides());

    private static void Check(int? blurLevel, MediaTone? tone)
    {
        var errors = WellnessPreferences.Errors(blurLevel, tone);
        if (errors.Count > 0)
        {
            throw new ArgumentOutOfRangeException(errors.Keys.First(), string.Join(" ", errors.Values.SelectMany(v => v)));
        }
    }

    private static string Require(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value;
    }
}
