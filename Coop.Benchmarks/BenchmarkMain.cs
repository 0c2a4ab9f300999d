using Coop.Benchmarks.Harness;
using Coop.Benchmarks.Scenarios;

namespace Coop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Coop.Benchmarks -- &lt;scenario&gt;|all [--items N] [--pairs N] [--seconds N] [--concurrency N]
/// [--history N] [--minutes N] [--rate N] [--short] [--provider sqlite|postgres|sqlserver] [--connection "..."] [--markdown file] [--json file]
/// [--connections N,N] [--circuits N,N] [--idle S] [--retention S]</c>.
/// Scenarios: rules (R1), dashboards (S5), ingestion (S1), claims (S2), decisions (S6), interference (S7), live (S3), circuits (S4),
/// soak (S8: <c>--minutes</c>, <c>--rate</c>); <c>all</c> runs every one
/// with short defaults. A calibration block and the configuration are printed first. Each scenario runs its reference and its product path
/// interleaved and prints one table row per measured figure.
/// </summary>
public static class BenchmarkMain
{
    private static readonly Dictionary<string, Func<BenchmarkOptions, IScenario>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rules"] = o => new RulesScenario(o),
        ["dashboards"] = o => new DashboardsScenario(o),
        ["ingestion"] = o => new IngestionScenario(o),
        ["claims"] = o => new ClaimsScenario(o),
        ["decisions"] = o => new DecisionsScenario(o),
        ["interference"] = o => new InterferenceScenario(o),
        ["live"] = o => new LivePushScenario(o),
        ["circuits"] = o => new CircuitsScenario(o),
        ["soak"] = o => new SoakScenario(o),
    };

    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync($"Scenarios: {string.Join(", ", Scenarios.Keys)}, all.");
            return 2;
        }

        var names = options.Scenario.Equals("all", StringComparison.OrdinalIgnoreCase) ? [.. Scenarios.Keys] : new[] { options.Scenario };
        var unknown = names.Where(n => !Scenarios.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown scenario {string.Join(", ", unknown)}. Scenarios: {string.Join(", ", Scenarios.Keys)}, all.");
            return 2;
        }

        var report = new BenchmarkReport(options);
        Console.WriteLine("== calibration");
        report.SetCalibration(await Calibration.RunAsync(options, CancellationToken.None));
        report.PrintPreamble(Console.Out);
        foreach (var name in names)
        {
            Console.WriteLine($"== {name}");
            var scenario = Scenarios[name](options);
            report.Add(await scenario.RunAsync(CancellationToken.None));
            (scenario as IDisposable)?.Dispose();
        }

        report.Print(Console.Out);
        await report.WriteFilesAsync();
        return report.AllPassed ? 0 : 1;
    }
}
