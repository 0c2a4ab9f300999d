namespace Coop.Domain.Wellness;

/// <summary>How reported media is shown to a reviewer: the tone applied to images and videos.</summary>
public enum MediaTone
{
    /// <summary>Full colour.</summary>
    Colour = 0,

    /// <summary>Grey (Coop's default).</summary>
    Grayscale = 1,

    /// <summary>Sepia.</summary>
    Sepia = 2,
}

/// <summary>
/// The wellness settings a reviewer's screen uses for media (Coop's safety settings): how strongly media is blurred until
/// the reviewer asks to see it (0 = not blurred … 6 = strongest), its tone, whether hovering shows it, and whether
/// videos start muted. Effective values are an organization's defaults with the reviewer's own overrides on top.
/// </summary>
public sealed record WellnessPreferences(int BlurLevel, MediaTone Tone, bool UnblurOnHover, bool MuteVideos)
{
    public const int MaxBlurLevel = 6;

    /// <summary>Coop's defaults: blur level 2, grey, shown on hover, videos muted.</summary>
    public static WellnessPreferences Default { get; } = new(2, MediaTone.Grayscale, true, true);

    /// <summary>The CSS blur radius of a level, in pixels (none, 4, 8, 12, 16, 24, 40).</summary>
    public static int BlurPixels(int level) => Math.Clamp(level, 0, MaxBlurLevel) switch
    {
        0 => 0,
        1 => 4,
        2 => 8,
        3 => 12,
        4 => 16,
        5 => 24,
        _ => 40,
    };

    /// <summary>Whether media starts hidden behind a blur.</summary>
    public bool Blurs => BlurLevel > 0;

    /// <summary>The reviewer's overrides applied on top of these defaults (a null override keeps the default).</summary>
    public WellnessPreferences With(WellnessOverrides? overrides) => overrides is null
        ? this
        : new WellnessPreferences(
            overrides.BlurLevel ?? BlurLevel,
            overrides.Tone ?? Tone,
            overrides.UnblurOnHover ?? UnblurOnHover,
            overrides.MuteVideos ?? MuteVideos);

    /// <summary>Field errors (keyed by property name) for values outside their range.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(int? blurLevel, MediaTone? tone)
    {
        var errors = new Dictionary<string, string[]>();
        if (blurLevel is < 0 or > MaxBlurLevel)
        {
            errors[nameof(BlurLevel)] = [$"The blur level must be between 0 (no blur) and {MaxBlurLevel}."];
        }

        if (tone is { } t && !Enum.IsDefined(t))
        {
            errors[nameof(Tone)] = ["The tone must be colour, grayscale or sepia."];
        }

        return errors;
    }
}

/// <summary>A reviewer's own wellness choices; each null value follows the organization's default.</summary>
public sealed record WellnessOverrides(int? BlurLevel, MediaTone? Tone, bool? UnblurOnHover, bool? MuteVideos)
{
    public static WellnessOverrides None { get; } = new(null, null, null, null);

    public bool IsEmpty => BlurLevel is null && Tone is null && UnblurOnHover is null && MuteVideos is null;
}
