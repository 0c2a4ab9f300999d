using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coop.Benchmarks.Harness;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Reports;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Coop.Web.Features.Dashboards;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S5, dashboards at scale (issue 9): an organization with <c>--items</c> items (default run: 1M) over 30 days — 10 queues
/// (one for appeals), 20 policies, 8 actions, 20 reviewers; each item reported once and reviewed in a queue, most decided
/// (ignored or actioned, with claims, skips and action executions), a realistic backlog still open, some claimed right now;
/// rule actions on a share of items. Seeded with prepared ADO.NET inserts, then the roll-ups are built by the real
/// <see cref="DashboardRollupJob"/> (a day at a time) and its depth snapshot. Measures, interleaved in pairs:
/// (a) each dashboard use case (overview, charts by day, week and month, a 30-day transparency report) through its real
/// handler as a signed-in lead, with each SQL command it ran ("tile query") timed by a stopwatch from EF's CommandExecuting
/// to its DataReaderDisposing diagnostic (execute, read and materialize); (b) the same SQL
/// texts with the same parameters run raw through ADO.NET, reading every value. Then the full server render (HTTP GET with
/// a sign-in cookie, prerendered HTML) of /dashboards, the month charts and the transparency report, against the sign-in
/// page's render. Targets: tile p95 ≤ 50 ms, EF/raw ≤ 1.5×, page render p95 ≤ 200 ms. Prints each tile's SQLite query plan.
/// </summary>
public sealed partial class DashboardsScenario(BenchmarkOptions options) : IScenario
{
    private const int QueueCount = 10;
    private const int PolicyCount = 20;
    private const int ReviewerCount = 20;
    private const int Days = 30;
    private const int Iterations = 20;
    private const int Chunk = 50_000;
    private const double TileTarget = 50;
    private const double RatioTarget = 1.5;
    private const double PageTarget = 200;
    private const string Zone = "Europe/Berlin";
    private const string Password = "benchmark password 1234";

    private static readonly string[] QueueNames =
        ["Spam", "Harassment", "Hate speech", "Violent threats", "Self-harm", "Scams & fraud", "Impersonation", "Nudity", "Misinformation", "Appeals review"];

    private static readonly string[] ActionNames = ["Remove", "Ban user", "Warn user", "Label", "Limit reach", "Suspend 24 h", "Age-gate", "Escalate"];

    private readonly Random random = new(20261202);

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(CancellationToken cancellationToken)
    {
        // Listening before the host exists: EF caches for a while whether anyone listens (LoggingConfigCacheTime), so a listener
        // subscribed later missed the first commands of a use case, which are the ones recorded.
        using var listening = new CommandCapture();

        // The organization's dashboard zone is the one the charts and report are viewed in, so whole days come from the daily roll-up.
        await using var host = new BenchmarkHost(options, new Dictionary<string, string?> { ["Dashboards:TimeZone"] = Zone });
        var services = host.Services;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        Console.WriteLine($"Seeding {options.Items:N0} items over {Days} days ({QueueCount} queues, {PolicyCount} policies, {ReviewerCount} reviewers)…");
        var org = await SetUpOrganizationAsync(services, now, cancellationToken);
        var clock = Stopwatch.StartNew();
        var rows = await SeedAsync(services, org, now, cancellationToken);
        Console.WriteLine($"Seeded {rows.Total:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s: {rows}");
        clock.Restart();
        var cells = await RollUpAsync(services, org.Id, now, cancellationToken);
        Console.WriteLine($"Roll-ups built by DashboardRollupJob in {clock.Elapsed.TotalSeconds:0.0} s: {cells:N0} cells.");

        var principal = await PrincipalAsync(services, org.LeadEmail);
        var today = DashboardTime.LocalDay(now, DashboardTime.Zone(Zone));
        UseCase[] useCases =
        [
            new("overview", s => Ask<GetDashboardOverviewQuery, DashboardOverview>(s, new GetDashboardOverviewQuery())),
            new("charts day", s => Ask<GetDashboardChartsQuery, DashboardCharts>(s, new GetDashboardChartsQuery(ChartWindow.Day, Zone))),
            new("charts week", s => Ask<GetDashboardChartsQuery, DashboardCharts>(s, new GetDashboardChartsQuery(ChartWindow.Week, Zone))),
            new("charts month", s => Ask<GetDashboardChartsQuery, DashboardCharts>(s, new GetDashboardChartsQuery(ChartWindow.Month, Zone))),
            new("transparency 30 d", s => Ask<GetTransparencyReportQuery, TransparencyReport>(s, new GetTransparencyReportQuery(today.AddDays(-29), today, Zone))),
        ];

        if (Environment.GetEnvironmentVariable("COOP_BENCH_PROFILE_USE_CASE") is { } name)
        {
            await LoopForProfilerAsync(services, principal, useCases.Single(u => u.Name == name));
        }

        var results = new List<BenchmarkResult>();
        foreach (var useCase in useCases)
        {
            results.AddRange(await MeasureUseCaseAsync(services, principal, useCase, cancellationToken));
        }

        try
        {
            results.AddRange(await MeasurePagesAsync(host, org.LeadEmail, cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
        {
            Console.WriteLine($"Page renders not measured: {ex.Message}");
        }

        return results;
    }

    private sealed record Organization(string Id, string LeadEmail, IReadOnlyList<string> QueueIds, IReadOnlyList<string> PolicyIds,
        IReadOnlyList<string> ActionIds, IReadOnlyList<(string Id, string Email)> Reviewers);

    private sealed record SeedCounts(int Items, int Jobs, int Open, int Decisions, int Events, int Executions, int Reports, int Appeals)
    {
        public int Total => (Items * 2) + Jobs + Decisions + Events + Executions + Appeals;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Items:N0} items and reports, {Jobs:N0} jobs ({Open:N0} open), {Decisions:N0} decisions, {Events:N0} job events, {Executions:N0} action executions, {Appeals:N0} appeals");
    }

    private sealed record UseCase(string Name, Func<IServiceProvider, Task> Run);

    private static async Task Ask<TQuery, TResult>(IServiceProvider services, TQuery query)
        where TQuery : notnull =>
        await services.GetRequiredService<IQueryHandler<TQuery, TResult>>().HandleAsync(query);

    private static async Task<Organization> SetUpOrganizationAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provisioner = scope.ServiceProvider.GetRequiredService<OrganizationProvisioner>();
        var organization = await provisioner.CreateOrganizationAsync("Dashboards", "contact@dashboards.example", false, "benchmark", cancellationToken);
        services.GetRequiredService<FirstRunState>().MarkSetUp();
        var lead = "lead@dashboards.example";
        await provisioner.CreateUserAsync(organization.Id, lead, Password, null, null, DefaultRoles.ModeratorManager, "benchmark", null, cancellationToken);
        var reviewers = new List<(string, string)>();
        for (var i = 1; i <= ReviewerCount; i++)
        {
            var email = $"reviewer{i:00}@dashboards.example";
            var user = await provisioner.CreateUserAsync(organization.Id, email, Password, null, null, DefaultRoles.Moderator, "benchmark", null, cancellationToken);
            reviewers.Add((user.Id, email));
        }

        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queues = QueueNames.Select((name, i) => ReviewQueue.Create(organization.Id, name, null, i == QueueCount - 1 ? QueueKind.Appeals : QueueKind.Standard,
            QueueOrdering.Age, false, now)).ToList();
        db.ReviewQueues.AddRange(queues);
        db.QueueDashboardSettings.AddRange(queues.Select((q, i) => QueueDashboardSetting.Create(organization.Id, q.Id, i == QueueCount - 1 ? 24 * 60 : 60, now)));
        var policies = Enumerable.Range(1, PolicyCount).Select(i => $"policy-{i:00}").ToList();
        foreach (var (id, i) in policies.Select((id, i) => (id, i)))
        {
            db.Policies.Add(Policy.Create(organization.Id, id, new PolicyDetails($"Policy {i + 1:00}", null, null, null, Penalty.Medium, 1, false), now));
        }

        var actions = ActionNames.Select((_, i) => $"action-{i + 1}").ToList();
        foreach (var (id, i) in actions.Select((id, i) => (id, i)))
        {
            db.Actions.Add(ActionDefinition.CreateCustom(organization.Id, id,
                new ActionDefinitionDetails(ActionNames[i], null, ["post"], "https://platform.example/" + id, [], null, false), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Organization(organization.Id, lead, [.. queues.Select(q => q.Id)], policies, actions, reviewers);
    }

    /// <summary>Items, reports, jobs, claims, skips, decisions, action executions and appeals over 30 days, a chunk at a time.</summary>
    private async Task<SeedCounts> SeedAsync(IServiceProvider services, Organization org, DateTime now, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var insert = await BulkInserter.OpenAsync(factory, cancellationToken);
        var n = options.Items;
        var start = now.AddDays(-Days);
        var span = (now - start).Ticks;
        var queueWeights = Cumulative([.. Enumerable.Range(0, QueueCount - 1).Select(q => 1.0 / (q + 1))]);
        var policyWeights = Cumulative([.. Enumerable.Range(0, PolicyCount).Select(p => 1.0 / (p + 1))]);
        int jobs = 0, open = 0, decisions = 0, events = 0, executions = 0, appeals = 0;
        for (var first = 0; first < n; first += Chunk)
        {
            var items = new List<Item>();
            var reports = new List<Report>();
            var appealRows = new List<Appeal>();
            var jobRows = new List<ReviewJob>();
            var decisionRows = new List<ReviewDecision>();
            var eventRows = new List<JobEvent>();
            var executionRows = new List<ActionExecution>();
            for (var i = first; i < Math.Min(n, first + Chunk); i++)
            {
                var created = new DateTime(start.Ticks + (long)((i + random.NextDouble()) / n * span), DateTimeKind.Utc);
                var itemId = "i" + i.ToString(CultureInfo.InvariantCulture);
                var author = new ItemIdentifier("u" + random.Next(200_000).ToString(CultureInfo.InvariantCulture), "user");
                var policy = org.PolicyIds[Pick(policyWeights)];
                var policyJson = JsonSerializer.Serialize(new[] { policy });
                var submission = ItemSubmission.Accept(org.Id, itemId, "post", "1", "v1", "{}",
                    new ItemRoleValues(author, null, null, created, null, null, null, null, null, null), "api", null, created);
                items.Add(Item.FirstSeen(submission));
                // Seeded as already routed (their jobs are seeded below): left unrouted, the console's router would route the whole
                // history in the background while the dashboards are measured.
                var report = Report.Receive(Coop.Domain.Common.Ids.New(), org.Id, new ItemIdentifier("r" + random.Next(500_000).ToString(CultureInfo.InvariantCulture), "user"),
                    created, new ItemIdentifier(itemId, "post"), random.NextDouble() < 0.9 ? policy : null, null, false, "[]", null, created, []);
                report.MarkRouted(created);
                reports.Add(report);

                // 3% are appeals of earlier actions, reviewed in the appeals queue.
                var isAppeal = random.NextDouble() < 0.03;
                var queue = isAppeal ? QueueCount - 1 : Pick(queueWeights);
                string? appealId = null;
                if (isAppeal)
                {
                    var appeal = Appeal.Receive(org.Id, "a" + i.ToString(CultureInfo.InvariantCulture), author, created, new ItemIdentifier(itemId, "post"),
                        "[\"action-1\"]", "I did nothing wrong", policyJson, null, created, []);
                    appeal.MarkRouted(created);
                    appealRows.Add(appeal);
                    appealId = appeal.Id;
                }

                var job = ReviewJob.Open(org.Id, org.QueueIds[queue], "post", itemId, isAppeal ? JobSource.Appeal : JobSource.Report, created, policyJson, appealId);
                jobRows.Add(job);

                // Automation (rules) acts at once on 8% of items.
                if (!isAppeal && random.NextDouble() < 0.08)
                {
                    var action = random.Next(org.ActionIds.Count);
                    executionRows.Add(ActionExecution.Record(org.Id, org.ActionIds[action], ActionNames[action], "post", itemId, ActionExecutionSource.Rule,
                        Coop.Domain.Common.Ids.New(), created, policies: policyJson));
                }

                // Time to decision: log-normal around 20 minutes (σ 1.5); 1% are never decided (stale backlog).
                var wait = TimeSpan.FromMinutes(Math.Exp(Math.Log(20) + (1.5 * Gaussian())));
                var decidedAt = created + wait;
                if (random.NextDouble() < 0.01 || decidedAt >= now)
                {
                    open++;
                    if (created > now.AddHours(-2) && random.NextDouble() < 0.05)
                    {
                        var holder = org.Reviewers[random.Next(ReviewerCount)];
                        var claimedAt = now.AddMinutes(-random.Next(1, 9));
                        job.Claim(holder.Id, claimedAt, TimeSpan.FromMinutes(10));
                        eventRows.Add(JobEvent.Record(org.Id, job.Id, JobEventKind.Claimed, holder.Id, claimedAt));
                    }

                    continue;
                }

                var reviewer = org.Reviewers[random.Next(ReviewerCount)];
                var handle = TimeSpan.FromSeconds(Math.Min(Math.Exp(Math.Log(45) + (0.8 * Gaussian())), wait.TotalSeconds));
                var claimed = decidedAt - handle;
                if (random.NextDouble() < 0.05)
                {
                    var skipper = org.Reviewers[random.Next(ReviewerCount)];
                    var skipClaim = created + ((claimed - created) / 3);
                    eventRows.Add(JobEvent.Record(org.Id, job.Id, JobEventKind.Claimed, skipper.Id, skipClaim));
                    eventRows.Add(JobEvent.Record(org.Id, job.Id, JobEventKind.Skipped, skipper.Id, skipClaim + ((claimed - skipClaim) / 2)));
                }

                eventRows.Add(JobEvent.Record(org.Id, job.Id, JobEventKind.Claimed, reviewer.Id, claimed));
                job.Claim(reviewer.Id, claimed, TimeSpan.FromMinutes(10));
                var kind = isAppeal
                    ? (random.NextDouble() < 0.3 ? DecisionKind.AcceptAppeal : DecisionKind.RejectAppeal)
                    : (random.NextDouble() < 0.45 ? DecisionKind.Action : DecisionKind.Ignore);
                var actionIds = "[]";
                if (kind == DecisionKind.Action)
                {
                    var action = Math.Min(org.ActionIds.Count - 1, (int)Math.Floor(Math.Abs(Gaussian()) * 2.5));
                    actionIds = JsonSerializer.Serialize(new[] { org.ActionIds[action] });
                    executionRows.Add(ActionExecution.Record(org.Id, org.ActionIds[action], ActionNames[action], "post", itemId, ActionExecutionSource.ReviewDecision,
                        Coop.Domain.Common.Ids.New(), decidedAt, actorUserId: reviewer.Id, actorEmail: reviewer.Email, policies: policyJson, jobId: job.Id));
                }

                decisionRows.Add(ReviewDecision.Record(job, kind, reviewer.Id, reviewer.Email, actionIds, policyJson, null, decidedAt));
                eventRows.Add(JobEvent.Record(org.Id, job.Id, JobEventKind.Decided, reviewer.Id, decidedAt));
                job.Close(reviewer.Id, decidedAt);
            }

            await insert.BeginAsync(cancellationToken);
            await insert.InsertAsync(items, cancellationToken);
            await insert.InsertAsync(reports, cancellationToken);
            appeals += await insert.InsertAsync(appealRows, cancellationToken);
            jobs += await insert.InsertAsync(jobRows, cancellationToken);
            decisions += await insert.InsertAsync(decisionRows, cancellationToken);
            events += await insert.InsertAsync(eventRows, cancellationToken);
            executions += await insert.InsertAsync(executionRows, cancellationToken);
            await insert.CommitAsync(cancellationToken);
            if ((first / Chunk) % 4 == 3)
            {
                Console.WriteLine($"  {first + Chunk:N0} items…");
            }
        }

        return new SeedCounts(n, jobs, open, decisions, events, executions, n, appeals);
    }

    /// <summary>Builds the roll-ups the way production does: the roll-up job recomputes history a day at a time, then its regular run and depth snapshot.</summary>
    private static async Task<long> RollUpAsync(IServiceProvider services, string org, DateTime now, CancellationToken cancellationToken)
    {
        var job = ActivatorUtilities.CreateInstance<DashboardRollupJob>(services);
        var from = DashboardTime.HourOf(now.AddDays(-Days - 1));
        while (from < now)
        {
            var to = from.AddDays(1);
            await job.RecomputeAsync(org, from, to < now ? to : null, cancellationToken);
            from = to;
        }

        await job.RunAsync(cancellationToken);
        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var daily = await db.DashboardDailyCounters.LongCountAsync(c => c.OrganizationId == org, cancellationToken);
        Console.WriteLine($"Daily roll-up ({Zone} days): {daily:N0} cells.");
        return await db.DashboardCounters.LongCountAsync(c => c.OrganizationId == org, cancellationToken);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoopUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>().CreateAsync(user);
    }

    /// <summary>Runs a use case as the signed-in lead in its own scope (as a circuit or request would).</summary>
    private static async Task<double> RunAsSignedInAsync(IServiceProvider services, ClaimsPrincipal principal, UseCase useCase)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider };
        await useCase.Run(scope.ServiceProvider);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// COOP_BENCH_PROFILE_USE_CASE="charts day" (and COOP_BENCH_PROFILE_SECONDS, default 25): runs that use case alone in a
    /// loop after printing the process id, for dotnet-trace or dotnet-counters to attach, then prints its time and the bytes it
    /// allocated per call.
    /// </summary>
    private static async Task LoopForProfilerAsync(IServiceProvider services, ClaimsPrincipal principal, UseCase useCase)
    {
        for (var i = 0; i < 50; i++)
        {
            await RunAsSignedInAsync(services, principal, useCase);
        }

        var seconds = double.Parse(Environment.GetEnvironmentVariable("COOP_BENCH_PROFILE_SECONDS") ?? "25", CultureInfo.InvariantCulture);
        Console.WriteLine($"LOOP START {Environment.ProcessId}: {useCase.Name} for {seconds} s");
        var clock = Stopwatch.StartNew();
        var count = 0;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await RunAsSignedInAsync(services, principal, useCase);
            count++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LOOP END {count} calls in {clock.Elapsed.TotalMilliseconds:0} ms: {clock.Elapsed.TotalMilliseconds / count:0.000} ms and {(GC.GetTotalAllocatedBytes(precise: true) - bytes) / count / 1024.0:0.0} KB allocated per call, {GC.CollectionCount(0) - collections} gen0 collections"));
    }

    private async Task<IReadOnlyList<BenchmarkResult>> MeasureUseCaseAsync(
        IServiceProvider services, ClaimsPrincipal principal, UseCase useCase, CancellationToken cancellationToken)
    {
        // Learn the SQL the use case runs (texts and parameters), and warm up.
        var commands = await CommandCapture.RecordAsync(() => RunAsSignedInAsync(services, principal, useCase), keepParameters: true);
        for (var i = 0; i < 5; i++)
        {
            await RunAsSignedInAsync(services, principal, useCase);
        }

        var factory = services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        Console.WriteLine($"-- {useCase.Name}: {commands.Count} SQL command(s)");
        for (var c = 0; c < commands.Count; c++)
        {
            Console.WriteLine($"   [{c + 1}] {Label(commands[c].Text)}" + (sqlite ? ": " + string.Join("; ", await PlanAsync(connection, commands[c], cancellationToken)) : string.Empty));
        }

        var efTotals = new List<double>();
        var rawTotals = new List<double>();
        var efTiles = commands.Select(_ => new List<double>()).ToList();
        var rawTiles = commands.Select(_ => new List<double>()).ToList();
        var pairRatios = new List<double>();
        var tileRatios = commands.Select(_ => new List<double>()).ToList();
        for (var pair = 0; pair < options.Pairs; pair++)
        {
            var efPair = new List<double>();
            var efTilePair = commands.Select(_ => new List<double>()).ToList();
            for (var i = 0; i < Iterations; i++)
            {
                double total = 0;
                var ran = await CommandCapture.RecordAsync(async () => total = await RunAsSignedInAsync(services, principal, useCase), keepParameters: false);
                efPair.Add(total);
                for (var c = 0; c < Math.Min(ran.Count, commands.Count); c++)
                {
                    efTilePair[c].Add(ran[c].Milliseconds);
                }
            }

            var rawPair = new List<double>();
            var rawTilePair = commands.Select(_ => new List<double>()).ToList();
            for (var i = 0; i < Iterations; i++)
            {
                double total = 0;
                for (var c = 0; c < commands.Count; c++)
                {
                    var ms = await RunRawAsync(connection, commands[c], cancellationToken);
                    rawTilePair[c].Add(ms);
                    total += ms;
                }

                rawPair.Add(total);
            }

            pairRatios.Add(Percentile(efPair, 0.5) / Percentile(rawPair, 0.5));
            for (var c = 0; c < commands.Count; c++)
            {
                tileRatios[c].Add(Percentile(efTilePair[c], 0.5) / Math.Max(0.001, Percentile(rawTilePair[c], 0.5)));
                efTiles[c].AddRange(efTilePair[c]);
                rawTiles[c].AddRange(rawTilePair[c]);
            }

            efTotals.AddRange(efPair);
            rawTotals.AddRange(rawPair);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   pair {pair + 1}: use case p50 {Percentile(efPair, 0.5):0.0} ms, same SQL raw p50 {Percentile(rawPair, 0.5):0.0} ms ({pairRatios[^1]:0.00}×)"));
        }

        var results = new List<BenchmarkResult>();
        var (ratio, min, max) = Ratios.Of(pairRatios);
        results.Add(new("S5 dashboards", $"{useCase.Name}: use case p95 (p50 {Percentile(efTotals, 0.5):0.0} ms)", Percentile(efTotals, 0.95), "ms",
            ratio, min, max, null, false, string.Create(CultureInfo.InvariantCulture, $"its {commands.Count} SQL commands raw, p95 {Percentile(rawTotals, 0.95):0.0} ms")));
        results.Add(new("S5 dashboards", $"{useCase.Name}: EF/raw time (use case p50 / same SQL raw p50)", ratio, "×", ratio, min, max, RatioTarget, false,
            "same SQL text and parameters through ADO.NET"));
        for (var c = 0; c < commands.Count; c++)
        {
            var (tr, tmin, tmax) = Ratios.Of(tileRatios[c]);
            results.Add(new("S5 dashboards", string.Create(CultureInfo.InvariantCulture,
                    $"{useCase.Name} [{c + 1}] {Label(commands[c].Text)}: tile p95 (p50 {Percentile(efTiles[c], 0.5):0.00} ms)"),
                Percentile(efTiles[c], 0.95), "ms", tr, tmin, tmax, TileTarget, false,
                string.Create(CultureInfo.InvariantCulture, $"raw p50 {Percentile(rawTiles[c], 0.5):0.00} / p95 {Percentile(rawTiles[c], 0.95):0.00} ms")));
        }

        return results;
    }

    private static async Task<double> RunRawAsync(DbConnection connection, Captured captured, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = captured.Text;
        foreach (var p in captured.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.DbType = p.DbType;
            parameter.Value = p.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<List<string>> PlanAsync(DbConnection connection, Captured captured, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + captured.Text;
        foreach (var p in captured.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.Value = p.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    /// <summary>A short name for a SQL command: its first table and what it groups by.</summary>
    private static string Label(string sql)
    {
        var table = FromTable().Match(sql);
        var name = table.Success ? table.Groups[1].Value : "?";
        var join = JoinTable().Match(sql);
        if (join.Success)
        {
            name += " ⋈ " + join.Groups[1].Value;
        }

        return sql.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase) ? name + " (grouped)" : name;
    }

    [GeneratedRegex("FROM \"([A-Za-z]+)\"")]
    private static partial Regex FromTable();

    [GeneratedRegex("JOIN \"([A-Za-z]+)\"")]
    private static partial Regex JoinTable();

    /// <summary>Full server renders (prerendered HTML) of the dashboard pages as the signed-in lead, against the sign-in page.</summary>
    private async Task<IReadOnlyList<BenchmarkResult>> MeasurePagesAsync(BenchmarkHost host, string email, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        });
        using var anonymous = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await SignInAsync(client, email, cancellationToken);
        (string Path, string Marker)[] pages =
        [
            ("/dashboards", "data-testid=\"queue-row\""),
            ($"/dashboards/charts?window=month&tz={Zone}", "data-testid=\"chart-actions-policy\""),
            ($"/dashboards/transparency?tz={Zone}", "data-testid=\"notices-table\""),
        ];
        // The overview and the report load their data while prerendering; the charts page asks the browser for its time zone
        // first, so its server render is the frame only (its data arrives over the circuit, measured by the use case above).
        var withData = new Dictionary<string, bool>();
        foreach (var (path, marker) in pages)
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken);
            withData[path] = html.Contains(marker, StringComparison.Ordinal);
            Console.WriteLine($"   {path}: server render {(withData[path] ? "includes the data" : "is the frame only (no " + marker + ")")}");
        }

        async Task<double> GetAsync(HttpClient c, string path)
        {
            var clock = Stopwatch.StartNew();
            using var response = await c.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        var results = new List<BenchmarkResult>();
        foreach (var (path, _) in pages)
        {
            var page = new List<double>();
            var reference = new List<double>();
            var ratios = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                await GetAsync(client, path);
                await GetAsync(anonymous, "/account/login");
            }

            for (var pair = 0; pair < options.Pairs; pair++)
            {
                var p = new List<double>();
                var r = new List<double>();
                for (var i = 0; i < Iterations; i++)
                {
                    p.Add(await GetAsync(client, path));
                }

                for (var i = 0; i < Iterations; i++)
                {
                    r.Add(await GetAsync(anonymous, "/account/login"));
                }

                ratios.Add(Percentile(p, 0.95) / Percentile(r, 0.95));
                page.AddRange(p);
                reference.AddRange(r);
            }

            var (ratio, min, max) = Ratios.Of(ratios);
            results.Add(new("S5 dashboards", string.Create(CultureInfo.InvariantCulture,
                    $"page render GET {path.Split('?')[0]}{(withData[path] ? string.Empty : " (frame only)")}: p95 (p50 {Percentile(page, 0.5):0.0} ms)"),
                Percentile(page, 0.95), "ms", ratio, min, max, PageTarget, false,
                string.Create(CultureInfo.InvariantCulture, $"sign-in page render p95 {Percentile(reference, 0.95):0.0} ms")));
        }

        return results;
    }

    private static async Task SignInAsync(HttpClient client, string email, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), cancellationToken);
        string Field(string testId) =>
            Regex.Match(Regex.Match(page, $"<input[^>]*data-testid=\"{testId}\"[^>]*>").Value, "name=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value,
            [Field("login-email")] = email,
            [Field("login-password")] = Password,
        };
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}");
        }
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double[] Cumulative(double[] weights)
    {
        var total = weights.Sum();
        var sum = 0.0;
        return [.. weights.Select(w => sum += w / total)];
    }

    private int Pick(double[] cumulative)
    {
        var x = random.NextDouble();
        var i = Array.FindIndex(cumulative, c => x < c);
        return i < 0 ? cumulative.Length - 1 : i;
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed record CapturedParameter(string Name, System.Data.DbType DbType, object? Value);

    private sealed record Captured(string Text, IReadOnlyList<CapturedParameter> Parameters, double Milliseconds);

    /// <summary>
    /// EF's diagnostic events for the commands run on the current async flow only (background services are ignored): text,
    /// parameters and a stopwatch time from CommandExecuting until the reader was disposed (executing, reading and
    /// materializing every row).
    /// </summary>
    private sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<Recording?> Current = new();
        private readonly List<IDisposable> subscriptions = [];

        public CommandCapture() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public static async Task<List<Captured>> RecordAsync(Func<Task> action, bool keepParameters)
        {
            var recording = new Recording(keepParameters);
            Current.Value = recording;
            try
            {
                await action();
            }
            finally
            {
                Current.Value = null;
            }

            return recording.Commands;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    // Only the three command events: with every event enabled EF builds event data for each of them (the
                    // context's, the connection's, the query's), which the product does not pay when nothing listens.
                    subscriptions.Add(value.Subscribe(this, static name => name == RelationalEventId.CommandExecuting.Name
                        || name == RelationalEventId.DataReaderDisposing.Name || name == RelationalEventId.CommandExecuted.Name));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Current.Value is not { } recording)
            {
                return;
            }

            // Timed with a stopwatch from CommandExecuting (before the command is sent) to DataReaderDisposing (after EF read
            // and materialized every row), so a tile's time is its whole query as the use case runs it. (The Duration EF puts
            // on DataReaderDisposing does not cover all of that: it came out below the raw ADO.NET time.)
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData executing)
            {
                recording.Started(executing.CommandId);
            }
            else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData reader)
            {
                recording.Add(reader.Command, reader.CommandId);
            }
            else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
                && executed.ExecuteMethod != DbCommandMethod.ExecuteReader)
            {
                recording.Add(executed.Command, executed.CommandId);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                foreach (var s in subscriptions)
                {
                    s.Dispose();
                }
            }
        }

        private sealed class Recording(bool keepParameters)
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, long> started = new();

            public List<Captured> Commands { get; } = [];

            public void Started(Guid commandId) => started[commandId] = Stopwatch.GetTimestamp();

            public void Add(DbCommand command, Guid commandId)
            {
                var end = Stopwatch.GetTimestamp();
                var milliseconds = started.TryRemove(commandId, out var start) ? Stopwatch.GetElapsedTime(start, end).TotalMilliseconds : double.NaN;
                var parameters = keepParameters
                    ? command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(p.ParameterName, p.DbType, p.Value)).ToList()
                    : [];
                lock (Commands)
                {
                    Commands.Add(new Captured(command.CommandText, parameters, milliseconds));
                }
            }
        }
    }
}
