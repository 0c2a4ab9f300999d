using System.Globalization;

namespace Coop.Benchmarks.Harness;

/// <summary>Command-line options shared by every scenario.</summary>
public sealed record BenchmarkOptions(
    string Scenario, int Items, int Pairs, string Provider, string? Connection, string? MarkdownPath, string? JsonPath)
{
    /// <summary>Seconds per measured leg of the time-based scenarios (S1, S2, S7).</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Concurrent clients (S1 senders, S2/S6 claimers and deciders); 16 unless given.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Claimed history for S2's h = 0 against h = N comparison (100,000 unless given).</summary>
    public int History { get; init; } = 100_000;

    /// <summary>Console settings for the hosted product (<c>--setting Key=Value</c>, repeatable), e.g. <c>Ingestion:GatherDelay=00:00:00.100</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>S3: connected hub clients per run (<c>--connections 100,500</c>).</summary>
    public IReadOnlyList<int> Connections { get; init; } = [100, 500];

    /// <summary>S4: reviewer sessions (browser tabs) per run (<c>--circuits 25,50,100</c>; 25 in short mode).</summary>
    public IReadOnlyList<int> Circuits { get; init; } = [25, 50, 100];

    /// <summary>S4: seconds the sessions sit idle before the actions start (<c>--idle</c>; 60, or 5 in short mode).</summary>
    public int IdleSeconds { get; init; } = 60;

    /// <summary>S4: the disconnected-circuit retention the servers are given, in seconds (<c>--retention</c>; 180 as in production, or 10 in short mode).</summary>
    public int RetentionSeconds { get; init; } = 180;

    /// <summary>S8 soak: minutes to run (<c>--minutes</c>; 3 unless given, 1 in short mode; 30 is the full soak).</summary>
    public int Minutes { get; init; } = 3;

    /// <summary>S8 soak: ingestion items/s (<c>--rate</c>); unless given, 20% of a maximum measured first.</summary>
    public int? Rate { get; init; }

    /// <summary>Short defaults (<c>all</c>, or <c>--short</c>): small sizes and 3 s legs, to check that every scenario works.</summary>
    public bool Short { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("Usage: Coop.Benchmarks <scenario>|all [--items N] [--pairs N] [--seconds N] [--concurrency N] [--history N] [--minutes N] [--rate N] [--short] [--setting Key=Value] " +
                "[--connections N,N] [--circuits N,N] [--idle S] [--retention S] " +
                "[--provider sqlite|postgres|sqlserver] [--connection \"...\"] [--markdown file] [--json file]");
        }

        var options = new BenchmarkOptions(args[0], 20_000, 3, "sqlite", null, null, null);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            given.Add(args[i]);
            options = args[i] switch
            {
                "--items" => options with { Items = PositiveInt(Next(), "--items") },
                "--pairs" => options with { Pairs = PositiveInt(Next(), "--pairs") },
                "--provider" => options with { Provider = ProviderName(Next()) },
                "--connection" => options with { Connection = Next() },
                "--markdown" => options with { MarkdownPath = Next() },
                "--json" => options with { JsonPath = Next() },
                "--seconds" => options with { Seconds = PositiveInt(Next(), "--seconds") },
                "--concurrency" => options with { Concurrency = PositiveInt(Next(), "--concurrency") },
                "--history" => options with { History = PositiveInt(Next(), "--history") },
                "--minutes" => options with { Minutes = PositiveInt(Next(), "--minutes") },
                "--rate" => options with { Rate = PositiveInt(Next(), "--rate") },
                "--short" => options with { Short = true },
                "--setting" => options with { Settings = WithSetting(options.Settings, Next()) },
                "--connections" => options with { Connections = PositiveInts(Next(), "--connections") },
                "--circuits" => options with { Circuits = PositiveInts(Next(), "--circuits") },
                "--idle" => options with { IdleSeconds = PositiveInt(Next(), "--idle") },
                "--retention" => options with { RetentionSeconds = PositiveInt(Next(), "--retention") },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Scenario.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            options = options with { Short = true };
        }

        if (options.Short)
        {
            // Small sizes that still exercise every path; anything given explicitly wins.
            options = options with
            {
                Items = given.Contains("--items") ? options.Items : 2_000,
                Pairs = given.Contains("--pairs") ? options.Pairs : 2,
                Seconds = given.Contains("--seconds") ? options.Seconds : 3,
                History = given.Contains("--history") ? options.History : 10_000,
                Circuits = given.Contains("--circuits") ? options.Circuits : [25],
                IdleSeconds = given.Contains("--idle") ? options.IdleSeconds : 5,
                RetentionSeconds = given.Contains("--retention") ? options.RetentionSeconds : 10,
                Minutes = given.Contains("--minutes") ? options.Minutes : 1,
            };
        }

        if (options.Provider != "sqlite" && options.Connection is null)
        {
            throw new ArgumentException($"--provider {options.Provider} needs --connection.");
        }

        return options;
    }

    private static Dictionary<string, string?> WithSetting(IReadOnlyDictionary<string, string?> settings, string text)
    {
        var split = text.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new ArgumentException("--setting takes Key=Value (e.g. Ingestion:GatherDelay=00:00:00.100).");
        }

        return new Dictionary<string, string?>(settings) { [text[..split]] = text[(split + 1)..] };
    }

    private static string ProviderName(string text) => text.ToLowerInvariant() switch
    {
        "sqlite" or "postgres" or "sqlserver" => text.ToLowerInvariant(),
        _ => throw new ArgumentException("--provider is sqlite, postgres or sqlserver."),
    };

    private static int[] PositiveInts(string text, string name) => [.. text.Split(',', StringSplitOptions.TrimEntries).Select(t => PositiveInt(t, name))];

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number.");
}
