using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Benchmarks.Harness;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Coop.Web.Features.Ingestion.Submissions;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S1, ingestion: N concurrent clients (<c>--concurrency</c>, 16) post one ~1 KB item per request over loopback HTTP to the real
/// <c>POST /api/v1/items/async/</c> (API key, validation, dedup, group-committed durable write; 202 only after the commit), against
/// the same bodies posted to a raw Kestrel <c>/echo</c> endpoint in the same process (same JSON parser), interleaved in pairs of
/// <c>--seconds</c> legs. After each product leg it waits until the background processor has handled every accepted item (routing,
/// rules — none configured here — and queue insertion), and at the end it counts the stored rows: every 202 must be a row.
/// </summary>
public sealed class IngestionScenario(BenchmarkOptions options) : IScenario, IDisposable
{
    private const double RatioTarget = 0.30;
    private const double RateTarget = 2_000;
    private const string Prefix = "s1-";

    private readonly string[] texts = [.. Enumerable.Range(0, 64).Select(Text)];
    private readonly EfProfile profile = new();

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var echo = await EchoServer.StartAsync();
        await using var host = new BenchmarkHost(options);
        host.UseKestrel(0);
        host.StartServer();
        var services = host.Services;
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var (organizationId, apiKey) = await ScenarioSetup.OrganizationAsync(services, "Ingestion", Prefix, cancellationToken);

        var concurrency = options.Concurrency;
        using var productClient = LoadGenerator.Client(new Uri(address.TrimEnd('/') + "/"), concurrency);
        productClient.DefaultRequestHeaders.Add("X-API-KEY", apiKey);
        using var echoClient = LoadGenerator.Client(echo.BaseAddress, concurrency);
        var leg = TimeSpan.FromSeconds(options.Seconds);
        var accepted = 0L;

        Console.WriteLine($"Warm-up ({Math.Min(3, options.Seconds)} s each)…");
        await EchoLegAsync(echoClient, TimeSpan.FromSeconds(Math.Min(3, options.Seconds)), cancellationToken);
        accepted += (await ProductLegAsync(services, productClient, organizationId, TimeSpan.FromSeconds(Math.Min(3, options.Seconds)), cancellationToken)).Load.Completed;

        var ratios = new List<double>();
        var rates = new List<double>();
        var processedRates = new List<double>();
        var latencies = new List<double>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            var reference = await EchoLegAsync(echoClient, leg, cancellationToken);
            var (product, processedRate) = await ProductLegAsync(services, productClient, organizationId, leg, cancellationToken);
            accepted += product.Completed;
            Console.WriteLine(ScenarioSetup.F(
                $"Pair {pair}: /echo {reference.Rate:0}/s (p99 {reference.P99:0.0} ms); /items/async {product.Rate:0} items/s accepted, p50 {product.P50:0.0} ms, p99 {product.P99:0.0} ms, {product.Failed} failed, thread pool peak {product.ThreadPoolPeak.Threads} threads / {product.ThreadPoolPeak.Queued} queued; processed end to end {processedRate:0}/s ({product.Rate / reference.Rate:0.00}×)"));
            ratios.Add(product.Rate / reference.Rate);
            rates.Add(product.Rate);
            processedRates.Add(processedRate);
            latencies.AddRange(product.Latencies);
        }

        long stored;
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            stored = await db.Set<ItemSubmission>().LongCountAsync(s => s.OrganizationId == organizationId, cancellationToken);
        }

        Console.WriteLine($"Accepted {accepted:N0} items (202); {stored:N0} rows stored.");
        var (ratio, min, max) = Ratios.Of(ratios);
        var all = new LoadResult(latencies.Count, 0, TimeSpan.FromSeconds(1), latencies);
        var name = ScenarioSetup.F($"single item, c={concurrency}");
        return
        [
            new("S1 ingestion", name + ": accepted (committed) items/s", Ratios.Of(rates).Median, "items/s", ratio, min, max, RateTarget, true,
                "raw Kestrel /echo, same body and JSON parser"),
            new("S1 ingestion", name + ": ratio to /echo", ratio, "×", ratio, min, max, RatioTarget, true, "raw Kestrel /echo"),
            new("S1 ingestion", name + ": acknowledgement p50 at full load", all.P50, "ms", null, null, null, null, false, "–"),
            new("S1 ingestion", name + ": acknowledgement p99 at full load", all.P99, "ms", null, null, null, null, false, "–"),
            new("S1 ingestion", name + ": processed end to end (accepted → routed)", Ratios.Of(processedRates).Median, "items/s", null, null, null, null, true, "–"),
            new("S1 ingestion", "accepted items missing from the database", accepted - stored, "items", null, null, null, 0, false, "count of rows after the run"),
        ];
    }

    public void Dispose() => profile.Dispose();

    private async Task<LoadResult> EchoLegAsync(HttpClient client, TimeSpan duration, CancellationToken cancellationToken) =>
        await LoadGenerator.RunAsync(options.Concurrency, duration, async (_, n) =>
        {
            using var content = new StringContent(Body("e", n), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("echo", UriKind.Relative), content, cancellationToken);
            return response.IsSuccessStatusCode;
        }, cancellationToken);

    /// <summary>One product leg; then waits until the processor has handled everything accepted so far. Returns the load and the end-to-end rate.</summary>
    private async Task<(LoadResult Load, double ProcessedRate)> ProductLegAsync(
        IServiceProvider services, HttpClient client, string organizationId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..6] + "-";
        var clock = Stopwatch.StartNew();
        profile.Start();
        var load = await LoadGenerator.RunAsync(options.Concurrency, duration, async (_, n) =>
        {
            using var content = new StringContent(Body(prefix, n), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("api/v1/items/async/", UriKind.Relative), content, cancellationToken);
            return response.StatusCode == System.Net.HttpStatusCode.Accepted;
        }, cancellationToken);
        profile.StopAndPrint("the product leg (units: accepted items)", load.Completed);

        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var processing = services.GetRequiredService<IOptions<IngestionOptions>>().Value.ProcessingEnabled;
        while (processing)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var pending = await db.Set<ItemSubmission>().CountAsync(s => s.OrganizationId == organizationId && s.ProcessedAt == null, cancellationToken);
            if (pending == 0 || clock.Elapsed > duration + TimeSpan.FromMinutes(5))
            {
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        return (load, load.Completed / clock.Elapsed.TotalSeconds);
    }

    private string Body(string prefix, int n) =>
        new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["typeId"] = Prefix + "post",
                ["data"] = new JsonObject
                {
                    ["text"] = texts[n % texts.Length],
                    ["score"] = n % 100,
                    ["author"] = new JsonObject { ["id"] = "u" + (n % 2_000).ToString(System.Globalization.CultureInfo.InvariantCulture), ["typeId"] = Prefix + "user" },
                },
            }),
        }.ToJsonString();

    /// <summary>About 1 KB of words.</summary>
    private static string Text(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < 1_000)
        {
            text.Append((char)('a' + random.Next(26))).Append((char)('a' + random.Next(26))).Append((char)('a' + random.Next(26)))
                .Append((char)('a' + random.Next(26))).Append(' ');
        }

        return text.ToString();
    }
}
