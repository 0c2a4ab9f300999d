using Coop.Domain.Wellness;

namespace Coop.Web.Features.Wellness;

/// <summary>How wellness values are named on screen.</summary>
public static class WellnessLabels
{
    public static string Blur(int level) => level switch
    {
        0 => "0 · no blur",
        1 => "1 · slight",
        2 => "2 · light (Coop default)",
        3 => "3 · medium",
        4 => "4 · strong",
        5 => "5 · very strong",
        _ => "6 · strongest",
    };

    public static string Tone(MediaTone tone) => tone switch
    {
        MediaTone.Grayscale => "Grey",
        MediaTone.Sepia => "Sepia",
        _ => "Full colour",
    };

    public static string OnOff(bool value) => value ? "on" : "off";
}
