using Coop.Benchmarks.Harness;
using Coop.Benchmarks.Scenarios;

namespace Coop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Coop.Benchmarks -- &lt;scenario&gt;|all [--items N] [--pairs N] [--provider sqlite|postgres]
/// [--connection "..."] [--markdown file] [--json file]</c>. Each scenario runs its reference and its product path
/// interleaved and prints one table row per measured figure.
/// </summary>
public static class BenchmarkMain
{
    private static readonly Dictionary<string, Func<BenchmarkOptions, IScenario>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rules"] = o => new RulesScenario(o),
        ["dashboards"] = o => new DashboardsScenario(o),
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
        foreach (var name in names)
        {
            Console.WriteLine($"== {name}");
            var scenario = Scenarios[name](options);
            report.Add(await scenario.RunAsync(CancellationToken.None));
        }

        report.Print(Console.Out);
        await report.WriteFilesAsync();
        return report.AllPassed ? 0 : 1;
    }
}
