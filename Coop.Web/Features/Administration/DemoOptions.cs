namespace Coop.Web.Features.Administration;

/// <summary>The <c>Demo</c> configuration section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo organization on the very first start with a new, empty SQLite database.</summary>
    public bool SeedOnFirstRun { get; set; } = true;
}
