using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;

namespace Coop.Benchmarks.Harness;

/// <summary>A scenario's interface: run the reference and the product path interleaved, return the figures.</summary>
public interface IScenario
{
    Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One measured figure: the product's absolute value, its ratio to the same-run reference (median of the per-pair
/// ratios with the min–max spread) when there is one, the target, and whether it was met.
/// </summary>
public sealed record BenchmarkResult(
    string Scenario, string Metric, double Value, string Unit, double? Ratio, double? RatioMin, double? RatioMax, double? Target, bool HigherIsBetter,
    string Reference)
{
    public bool Passed => Target is not { } target || (HigherIsBetter ? Value >= target : Value <= target);
}

/// <summary>Collects results, prints the table and the configuration, and writes Markdown and JSON when asked.</summary>
public sealed class BenchmarkReport(BenchmarkOptions options)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private readonly List<BenchmarkResult> results = [];
    private readonly Dictionary<string, string> calibration = [];
    private readonly Dictionary<string, string> settings = [];

    public bool AllPassed => results.All(r => r.Passed);

    public void Add(IEnumerable<BenchmarkResult> scenarioResults) => results.AddRange(scenarioResults);

    /// <summary>Records the calibration block (machine figures) and the database settings found (synchronous, journal mode).</summary>
    public void SetCalibration(Calibration.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (key, value) in result.Figures)
        {
            calibration[key] = value;
        }

        foreach (var (key, value) in result.Settings)
        {
            settings[key] = value;
        }
    }

    /// <summary>The calibration block and the configuration, printed before any scenario runs.</summary>
    public void PrintPreamble(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("Calibration: " + string.Join(", ", calibration.Select(kv => $"{kv.Key} {kv.Value}")));
        writer.WriteLine("Configuration: " + string.Join(", ", Configuration().Select(kv => $"{kv.Key} {kv.Value}")));
    }

    public void Print(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.Write(Markdown());
    }

    public async Task WriteFilesAsync()
    {
        if (options.MarkdownPath is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, Markdown());
        }

        if (options.JsonPath is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { configuration = Configuration(), calibration, results }, Indented));
        }
    }

    private string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Metric | Value | Ratio (min–max) | Reference | Target | Result |");
        text.AppendLine("|---|---|---:|---:|---|---:|---|");
        foreach (var r in results)
        {
            var ratio = r.Ratio is { } x ? F($"{x:0.00}× ({r.RatioMin:0.00}–{r.RatioMax:0.00})") : "–";
            var target = r.Target is { } t ? F($"{(r.HigherIsBetter ? "≥" : "≤")} {t:0.##} {r.Unit}") : "–";
            var value = Measured(r.Value) ? F($"{r.Value:0.##} {r.Unit}") : "– (too few samples)";
            text.AppendLine(F($"| {r.Scenario} | {r.Metric} | {value} | {ratio} | {r.Reference} | {target} | {(r.Target is null ? "info" : r.Passed ? "pass" : "short")} |"));
        }

        text.AppendLine();
        text.AppendLine("Configuration: " + string.Join(", ", Configuration().Select(kv => $"{kv.Key} {kv.Value}")));
        text.AppendLine();
        text.AppendLine("Calibration: " + string.Join(", ", calibration.Select(kv => $"{kv.Key} {kv.Value}")));
        return text.ToString();
    }

    /// <summary>False for a figure that could not be computed (NaN, or infinite such as a ratio to zero).</summary>
    private static bool Measured(double value) => double.IsFinite(value) && Math.Abs(value) < 1e300;

    private Dictionary<string, string> Configuration()
    {
        var configuration = new Dictionary<string, string>
        {
            ["provider"] = options.Provider,
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
            ["concurrent-gc"] = GCSettings.LatencyMode == GCLatencyMode.Batch ? "off" : "on",
            ["runtime"] = Environment.Version.ToString(),
            ["items"] = options.Items.ToString(CultureInfo.InvariantCulture),
            ["pairs"] = options.Pairs.ToString(CultureInfo.InvariantCulture),
            ["seconds-per-leg"] = options.Seconds.ToString(CultureInfo.InvariantCulture),
            ["concurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["build"] = Build,
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return configuration;
    }

#if DEBUG
    private const string Build = "Debug";
#else
    private const string Build = "Release";
#endif

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Median and spread of per-pair ratios.</summary>
public static class Ratios
{
    public static (double Median, double Min, double Max) Of(IReadOnlyList<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var sorted = ratios.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return (median, sorted[0], sorted[^1]);
    }
}
