using System.Diagnostics;
using Coop.Benchmarks.Harness;
using Coop.Domain.Dashboards;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S7, batch-job interference: the S2 claim loop at half its reviewers (<c>--concurrency</c>/2, about 50% load) with no job
/// running (the baseline) against the same loop while the dashboard roll-up job (<see cref="DashboardRollupJob"/>, the real
/// Quartz job's work) recomputes 7 days of history — <c>--history</c> claimed-and-decided jobs (their arrivals, Claimed and
/// Decided events and decisions) — over and over, interleaved in pairs. Ratio: claim p99 during the job / baseline p99.
/// </summary>
public sealed class InterferenceScenario(BenchmarkOptions options) : IScenario
{
    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        await using var host = new BenchmarkHost(options);
        var services = host.Services;
        var claimers = Math.Max(1, options.Concurrency / 2);
        var bench = await ClaimBench.SetUpAsync(services, options, "Interference", claimers, cancellationToken);
        Console.WriteLine($"Adding {options.History:N0} decided jobs of history over 7 days for the roll-up job…");
        var clock = Stopwatch.StartNew();
        await bench.AddHistoryAsync(options.History, TimeSpan.FromDays(7), cancellationToken);
        Console.WriteLine($"History added in {clock.Elapsed.TotalSeconds:0.0} s.");
        var job = ActivatorUtilities.CreateInstance<DashboardRollupJob>(services);
        var from = DashboardTime.HourOf(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-7).AddHours(-1));
        clock.Restart();
        var cells = await job.RecomputeAsync(bench.OrganizationId, from, cancellationToken: cancellationToken);
        var alone = clock.Elapsed;
        Console.WriteLine($"Roll-up job alone: {cells:N0} cells in {alone.TotalMilliseconds:0} ms.");

        // The set-based reference, alone, interleaved with the job alone: the same source rows grouped in the database.
        var (rawContext, rawConnection) = await ScenarioSetup.RawConnectionAsync(services, cancellationToken);
        await using var rawContextScope = rawContext;
        await SetBasedRollup.CreateAsync(rawConnection, options.Provider, cancellationToken);
        var setRatios = new List<double>();
        var jobAlone = new List<double>();
        var setAlone = new List<double>();
        long sourceRows = 0;
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            clock.Restart();
            sourceRows = await SetBasedRollup.RunAsync(rawConnection, options.Provider, bench.OrganizationId, from, cancellationToken);
            var set = clock.Elapsed.TotalSeconds;
            clock.Restart();
            await job.RecomputeAsync(bench.OrganizationId, from, cancellationToken: cancellationToken);
            var jobSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"Alone, pair {pair}: set-based {sourceRows / set:0} source rows/s ({set * 1000:0} ms); roll-up job {sourceRows / jobSeconds:0} rows/s ({jobSeconds * 1000:0} ms) ({set / jobSeconds:0.00}×)");
            setRatios.Add(set / jobSeconds);
            jobAlone.Add(sourceRows / jobSeconds);
            setAlone.Add(sourceRows / set);
        }

        await TriggerLagProbe.ScheduleAsync(services, cancellationToken);
        var leg = TimeSpan.FromSeconds(options.Seconds);
        await bench.ProductLegAsync(TimeSpan.FromSeconds(1), claimers, cancellationToken);
        var baselineLags = new List<double>();
        var duringLags = new List<double>();
        var ratios = new List<double>();
        var baselines = new List<ClaimLeg>();
        var during = new List<ClaimLeg>();
        var jobRuns = new List<TimeSpan>();
        for (var pair = 1; pair <= options.Pairs; pair++)
        {
            TriggerLagProbe.Take();
            var baseline = await bench.ProductLegAsync(leg, claimers, cancellationToken);
            baselineLags.AddRange(TriggerLagProbe.Take());
            using var stop = new CancellationTokenSource();
            var runs = new List<TimeSpan>();
            var batch = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    await job.RecomputeAsync(bench.OrganizationId, from, cancellationToken: CancellationToken.None);
                    runs.Add(Stopwatch.GetElapsedTime(started));
                }
            }, CancellationToken.None);
            var loaded = await bench.ProductLegAsync(leg, claimers, cancellationToken);
            duringLags.AddRange(TriggerLagProbe.Take());
            await stop.CancelAsync();
            await batch;
            Console.WriteLine($"Pair {pair}: baseline {baseline}; during the job ({runs.Count} runs, {runs.Average(r => r.TotalMilliseconds):0} ms each) {loaded} ({loaded.P99 / baseline.P99:0.00}×)");
            ratios.Add(loaded.P99 / baseline.P99);
            baselines.Add(baseline);
            during.Add(loaded);
            jobRuns.AddRange(runs);
        }

        var (ratio, min, max) = Ratios.Of(ratios);
        var (setRatio, setMin, setMax) = Ratios.Of(setRatios);
        var lagP99 = new LoadResult(duringLags.Count, 0, TimeSpan.Zero, duringLags).P99;
        var baselineLagP99 = new LoadResult(baselineLags.Count, 0, TimeSpan.Zero, baselineLags).P99;
        var before = ClaimLeg.Merge(baselines);
        var loadedAll = ClaimLeg.Merge(during);
        var jobRate = cells / jobRuns.Average(r => r.TotalSeconds);
        var n = ScenarioSetup.F($"N={claimers}");
        return
        [
            new("S7 interference", n + ": claim p99 during the roll-up job / baseline", ratio, "×", ratio, min, max, 2, false,
                ScenarioSetup.F($"same claim loop, no job (p99 {before.P99:0.0} → {loadedAll.P99:0.0} ms)")),
            new("S7 interference", n + ": claim p99 during the job", loadedAll.P99, "ms", null, null, null, null, false, "–"),
            new("S7 interference", "roll-up job: cells written per second while claims run", jobRate, "cells/s", null, null, null, null, true,
                ScenarioSetup.F($"alone: {cells / alone.TotalSeconds:0} cells/s")),
            new("S7 interference", ScenarioSetup.F($"roll-up job alone: source rows/s ({sourceRows:N0} rows, 7 days)"), Median(jobAlone), "rows/s", setRatio, setMin, setMax, null, true,
                ScenarioSetup.F($"set-based INSERT … SELECT … GROUP BY of the same rows, {Median(setAlone):0} rows/s")),
            new("S7 interference", "roll-up job: ratio to the set-based statements (rows/s)", setRatio, "×", setRatio, setMin, setMax, 0.8, true,
                "set-based INSERT … SELECT … GROUP BY, run alone"),
            new("S7 interference", ScenarioSetup.F($"Quartz trigger-fire lag p99 during the job ({duringLags.Count} firings every {TriggerLagProbe.Interval.TotalMilliseconds:0} ms)"),
                lagP99, "ms", null, null, null, 1000, false, ScenarioSetup.F($"without the job: p99 {baselineLagP99:0.0} ms ({baselineLags.Count} firings)")),
            new("S7 interference", "double claims", bench.DoubleClaims, "claims", null, null, null, 0, false, "–"),
        ];
    }

    private static double Median(List<double> values) => Ratios.Of(values).Median;
}
