using System.Globalization;

namespace Coop.Benchmarks.Harness;

/// <summary>Command-line options shared by every scenario.</summary>
public sealed record BenchmarkOptions(
    string Scenario, int Items, int Pairs, string Provider, string? Connection, string? MarkdownPath, string? JsonPath)
{
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("Usage: Coop.Benchmarks <scenario>|all [--items N] [--pairs N] [--provider sqlite|postgres] [--connection \"...\"] [--markdown file] [--json file]");
        }

        var options = new BenchmarkOptions(args[0], 20_000, 3, "sqlite", null, null, null);
        for (var i = 1; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--items" => options with { Items = PositiveInt(Next(), "--items") },
                "--pairs" => options with { Pairs = PositiveInt(Next(), "--pairs") },
                "--provider" => options with { Provider = ProviderName(Next()) },
                "--connection" => options with { Connection = Next() },
                "--markdown" => options with { MarkdownPath = Next() },
                "--json" => options with { JsonPath = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Provider != "sqlite" && options.Connection is null)
        {
            throw new ArgumentException($"--provider {options.Provider} needs --connection.");
        }

        return options;
    }

    private static string ProviderName(string text) => text.ToLowerInvariant() switch
    {
        "sqlite" or "postgres" or "sqlserver" => text.ToLowerInvariant(),
        _ => throw new ArgumentException("--provider is sqlite, postgres or sqlserver."),
    };

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number.");
}
