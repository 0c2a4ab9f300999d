using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Integration.Users;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Dashboards;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Coop.Tests.Integration.Dashboards;

/// <summary>
/// Dashboard roll-ups: what the decision, claim, skip and enqueue paths add as they happen equals what the roll-up job
/// recomputes from the sources, and both equal a direct query of the source tables; the overview reads them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RollupTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private sealed record Setup(ApiFixture Fixture, string Moderator, string ModeratorId, ReviewQueue Queue);

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var fixture = await ApiFixture.StartAsync(provider, settings);
        var moderator = "mod@acme.test";
        var moderatorId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, moderator, DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        await using var db = await fixture.ContextAsync();
        db.ReviewQueues.Add(queue);
        db.Policies.Add(Policy.Create(fixture.OrganizationId, "spam", new PolicyDetails("Spam", null, null, null, Penalty.High, 2, false), now));
        db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails(
            "Remove", null, ["post"], "https://platform.example/remove", [], null, false), now));
        await db.SaveChangesAsync();
        await PauseScheduledRollupAsync(fixture);
        return new Setup(fixture, moderator, moderatorId, queue);
    }

    /// <summary>
    /// Stops the app's own roll-up schedule (it fires as the app starts) and waits out a run in progress, so the tests decide
    /// when the job runs: a run that read the sources before a test's writes and replaced the cells after them would drop
    /// those increments until its next run, which is the job's design (each run recomputes the window) but not what a test
    /// comparing the incremental path with the job can allow.
    /// </summary>
    private static async Task PauseScheduledRollupAsync(ApiFixture fixture)
    {
        var ct = TestContext.Current.CancellationToken;
        var scheduler = await fixture.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        await scheduler.PauseJob(DashboardRollupJob.Key, ct);
        while ((await scheduler.QueryFireInstances(new FireInstanceQuery { Job = DashboardRollupJob.Key, State = null }, ct)).Items.Count > 0)
        {
            await Task.Delay(20, ct);
        }
    }

    private static async Task<List<(string Series, DateTime Hour, string Key1, string Key2, long Value)>> CellsAsync(ApiFixture fixture)
    {
        await using var db = await fixture.ContextAsync();
        var cells = await db.DashboardCounters.AsNoTracking()
            .Where(c => c.OrganizationId == fixture.OrganizationId && c.Series != DashboardSeries.QueueDepth)
            .Select(c => new { c.Series, c.HourStart, c.Key1, c.Key2, c.Value }).ToListAsync();
        return [.. cells.Select(c => (c.Series, c.HourStart, c.Key1, c.Key2, c.Value)).Order()];
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Incremental_roll_ups_and_the_recomputing_job_agree_with_a_direct_query_of_the_sources(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;
        var org = fixture.OrganizationId;
        var ct = TestContext.Current.CancellationToken;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        // Six jobs arrive through the enqueue path.
        await using (var db = await fixture.ContextAsync())
        {
            for (var i = 1; i <= 6; i++)
            {
                await JobEnqueuer.EnqueueAsync(db, org, "post", $"p{i}", JobSource.Report, ["spam"], null, setup.Queue.Id, QueueKind.Standard, "test", now, null, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        // The moderator claims, skips one, claims again and decides four (two ignores, two actions).
        var claims = fixture.App.Services.GetRequiredService<JobClaims>();
        var skipped = await claims.ClaimNextAsync(org, setup.Queue.Id, setup.ModeratorId, ct);
        Assert.NotNull(skipped);
        Assert.True(await claims.ReleaseAsync(org, skipped.JobId, setup.ModeratorId, skipped: true, ct));
        for (var i = 0; i < 4; i++)
        {
            var claimed = await claims.ClaimNextAsync(org, setup.Queue.Id, setup.ModeratorId, ct);
            Assert.NotNull(claimed);
            var command = i % 2 == 0
                ? new SubmitDecisionCommand(claimed.JobId, DecisionKind.Ignore)
                : new SubmitDecisionCommand(claimed.JobId, DecisionKind.Action, [new DecisionActionInput("remove", null)], ["spam"]);
            await fixture.App.AsUserAsync(setup.Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(command));
        }

        var incremental = await CellsAsync(fixture);

        // A direct query of the sources.
        await using (var db = await fixture.ContextAsync())
        {
            long Sum(string series, string? key2 = null) => incremental.Where(c => c.Series == series && (key2 is null || c.Key2 == key2)).Sum(c => c.Value);
            Assert.Equal(await db.ReviewJobs.LongCountAsync(j => j.OrganizationId == org, ct), Sum(DashboardSeries.QueueArrivals));
            Assert.Equal(6, Sum(DashboardSeries.QueueArrivals));
            Assert.Equal(await db.ReviewDecisions.LongCountAsync(d => d.Kind == DecisionKind.Ignore, ct), Sum(DashboardSeries.QueueDecisions, "Ignore"));
            Assert.Equal(await db.ReviewDecisions.LongCountAsync(d => d.Kind == DecisionKind.Action, ct), Sum(DashboardSeries.QueueDecisions, "Action"));
            Assert.Equal(await db.ReviewDecisions.LongCountAsync(ct), Sum(DashboardSeries.QueueDecideWait));
            Assert.Equal(4, Sum(DashboardSeries.ReviewerDecisions));
            Assert.Equal(4, Sum(DashboardSeries.ReviewerHandle));
            Assert.Equal(await db.JobEvents.LongCountAsync(e => e.Kind == JobEventKind.Skipped, ct), Sum(DashboardSeries.QueueSkips));
            Assert.Equal(1, Sum(DashboardSeries.ReviewerSkips));
            Assert.Equal(await db.JobEvents.Where(e => e.Kind == JobEventKind.Claimed).Select(e => e.JobId).Distinct().LongCountAsync(ct), Sum(DashboardSeries.QueueClaimWait));
            Assert.Equal(await db.ActionExecutions.LongCountAsync(ct), Sum(DashboardSeries.ActionsManual));
            Assert.Equal(2, incremental.Where(c => c.Series == DashboardSeries.ActionsManual && c.Key1 == "spam" && c.Key2 == "remove").Sum(c => c.Value));
            Assert.Equal(2, Sum(DashboardSeries.TimeToAction));
        }

        // The job recomputes the same cells from the sources (twice: it is idempotent).
        var job = ActivatorUtilities.CreateInstance<DashboardRollupJob>(fixture.App.Services);
        await job.RunAsync(ct);
        await job.RunAsync(ct);
        var recomputed = await CellsAsync(fixture);
        Assert.Equal(incremental, recomputed);

        // A lost increment is put right by the job.
        await using (var db = await fixture.ContextAsync())
        {
            await db.DashboardCounters.Where(c => c.OrganizationId == org && c.Series == DashboardSeries.QueueArrivals).ExecuteDeleteAsync(ct);
        }

        await job.RunAsync(ct);
        Assert.Equal(incremental, await CellsAsync(fixture));

        // The overview reads them, and the depth snapshot equals the open jobs; the moderator holding a job shows on the queue
        // and as their current job.
        var held = await claims.ClaimNextAsync(org, setup.Queue.Id, setup.ModeratorId, ct);
        Assert.NotNull(held);
        var overview = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery()));
        var tile = Assert.Single(overview.Queues, q => q.QueueId == setup.Queue.Id);
        Assert.Equal((2, 6L, 4L, 1L, 1), (tile.Pending, tile.ArrivalsLastHour, tile.DecisionsLastHour, tile.SkipsLastHour, tile.ActiveReviewers));
        Assert.NotNull(tile.DecideWaitP50);
        Assert.NotNull(tile.ClaimWaitP50);
        var reviewer = Assert.Single(overview.Reviewers);
        Assert.Equal((setup.Moderator, 4L, 1L), (reviewer.Name, reviewer.DecisionsLastHour, reviewer.SkipsLastHour));
        Assert.Equal((held.JobId, tile.Name), (reviewer.CurrentJobId, reviewer.CurrentQueue));
        Assert.NotNull(reviewer.HandleP50);
        Assert.Equal(4, overview.Org.JobsDecided);
        Assert.Equal("Spam", Assert.Single(overview.Org.ActionsByPolicy).Name);
        await using (var db = await fixture.ContextAsync())
        {
            Assert.Equal(2, await db.DashboardCounters.Where(c => c.Series == DashboardSeries.QueueDepth && c.Key1 == setup.Queue.Id).SumAsync(c => c.Value, ct));
        }
    }

    /// <summary>
    /// The job deletes and rewrites the cells that reviewers' claims and decisions are adding to at the same moment. Each
    /// increment here takes its cells in the opposite order to the job's delete (the later key first, then the earlier), the
    /// order that made PostgreSQL break a lock cycle by failing a decision; no increment and no job run may fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Increments_made_while_the_job_replaces_the_same_cells_all_succeed(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;
        var org = fixture.OrganizationId;
        var ct = TestContext.Current.CancellationToken;
        var hour = DashboardTime.HourOf(TimeProvider.System.GetUtcNow().UtcDateTime);
        var series = DashboardSeries.QueueDecisions;
        CounterDelta Cell(string key, DateTime at) => new(org, series, at, key, string.Empty, 1);

        // Earlier hours' cells, so the job's delete of the current hour goes through the index, in key order.
        await using (var db = await fixture.ContextAsync())
        {
            await RollupWriter.ApplyAsync(db, Enumerable.Range(1, 400).SelectMany(h => new[] { Cell("a", hour.AddHours(-h)), Cell("z", hour.AddHours(-h)) }), ct);
            await RollupWriter.ApplyAsync(db, [Cell("a", hour)], ct);
            await RollupWriter.ApplyNowAsync(db, [Cell("z", hour)], ct);
        }

        var job = ActivatorUtilities.CreateInstance<DashboardRollupJob>(fixture.App.Services);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var increments = 0;
        var jobRuns = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var db = await fixture.ContextAsync();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await RollupWriter.ApplyNowAsync(db, [Cell("z", hour)], ct);
                    await Task.Delay(15, ct);
                    await RollupWriter.ApplyAsync(db, [Cell("a", hour)], ct);
                    await transaction.CommitAsync(ct);
                    Interlocked.Increment(ref increments);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Enqueue(e);
                }
            }
        }, ct)).ToList();
        var recomputing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await job.RecomputeAsync(org, hour, cancellationToken: ct);
                    Interlocked.Increment(ref jobRuns);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Enqueue(e);
                }

                await Task.Delay(5, ct);
            }
        }, ct);
        await Task.WhenAll([.. writers, recomputing]);

        Assert.Empty(failures.Select(f => f.GetBaseException().Message));
        Assert.True(increments > 20, $"only {increments} increments ran");
        Assert.True(jobRuns > 5, $"only {jobRuns} job runs");
    }

    [Fact]
    public async Task The_overview_needs_mrt_data_and_shows_ncmec_only_to_child_safety_users()
    {
        var setup = await SetUpAsync(DatabaseProvider.Sqlite);
        await using var fixture = setup.Fixture;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var external = "external@acme.test";
        var childSafety = "cs@acme.test";
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, external, DefaultRoles.ExternalModerator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, childSafety, DefaultRoles.ChildSafetyModerator);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewQueues.Add(ReviewQueue.Create(fixture.OrganizationId, "NCMEC review", null, QueueKind.Ncmec, QueueOrdering.Priority, true, now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            fixture.App.AsUserAsync(external, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery())));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            fixture.App.AsUserAsync(external, s => s.AskAsync<GetDashboardChartsQuery, DashboardCharts>(new GetDashboardChartsQuery(ChartWindow.Week, "UTC"))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            fixture.App.AsUserAsync(setup.Moderator, s => s.SendAsync<SetQueueSlaCommand, int?>(new SetQueueSlaCommand(setup.Queue.Id, 30))));

        var plain = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery()));
        Assert.Null(plain.Org.NcmecFiled);
        Assert.DoesNotContain(plain.Queues, q => q.Kind == QueueKind.Ncmec);

        var cs = await fixture.App.AsUserAsync(childSafety, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery()));
        Assert.Equal(0, cs.Org.NcmecFiled);
        Assert.Contains(cs.Queues, q => q.Kind == QueueKind.Ncmec);
    }

    [Fact]
    public async Task A_queue_lead_sets_an_sla_and_the_overview_flags_a_breach()
    {
        var setup = await SetUpAsync(DatabaseProvider.Sqlite);
        await using var fixture = setup.Fixture;
        var lead = "lead@acme.test";
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, lead, DefaultRoles.ModeratorManager);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewJobs.Add(ReviewJob.Open(fixture.OrganizationId, setup.Queue.Id, "post", "old", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-45)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            fixture.App.AsUserAsync(lead, s => s.SendAsync<SetQueueSlaCommand, int?>(new SetQueueSlaCommand(setup.Queue.Id, 0))));
        await fixture.App.AsUserAsync(lead, s => s.SendAsync<SetQueueSlaCommand, int?>(new SetQueueSlaCommand(setup.Queue.Id, 30)));

        var view = await fixture.App.AsUserAsync(lead, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery()));
        var tile = Assert.Single(view.Queues, q => q.QueueId == setup.Queue.Id);
        Assert.Equal(30, tile.SlaMinutes);
        Assert.True(tile.Breached(view.AsOf));
        await using var check = await fixture.ContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "queue.sla-set" && a.TargetId == setup.Queue.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Charts_and_the_transparency_report_put_an_evening_decision_on_its_local_day()
    {
        var setup = await SetUpAsync(DatabaseProvider.Sqlite);
        await using var fixture = setup.Fixture;
        var org = fixture.OrganizationId;
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var today = DashboardTime.LocalDay(TimeProvider.System.GetUtcNow().UtcDateTime, zone);
        var yesterday = today.AddDays(-1);

        // 23:30 local yesterday is already "today" in UTC; it must count for yesterday.
        var evening = TimeZoneInfo.ConvertTimeToUtc(yesterday.ToDateTime(new TimeOnly(23, 30)), zone);
        await using (var db = await fixture.ContextAsync())
        {
            await RollupWriter.ApplyAsync(db, RollupFacts.For(new DecisionFact(org, setup.Queue.Id, DecisionKind.Action, "u1", evening.AddMinutes(-10), evening, evening.AddMinutes(-2)))
                .Concat(RollupFacts.For(new ReportFact(org, "spam", evening))), TestContext.Current.CancellationToken);
        }

        var charts = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardChartsQuery, DashboardCharts>(new GetDashboardChartsQuery(ChartWindow.Week, "America/New_York")));
        var actioned = Assert.Single(charts.DecisionsByKind);
        Assert.Equal("Actioned", actioned.Name);
        Assert.Equal(1, actioned.Values[5]);
        Assert.Equal(1, actioned.Values.Sum());

        var onYesterday = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(yesterday, yesterday, "America/New_York")));
        var onToday = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(today, today, "America/New_York")));
        Assert.Equal((1L, "Spam", 1L), (onYesterday.Notices, Assert.Single(onYesterday.NoticesByPolicy).Name, onYesterday.ActionDecisions));
        Assert.Equal((0L, 0L), (onToday.Notices, onToday.ActionDecisions));
        Assert.NotNull(onYesterday.MedianTimeToAction);
    }

    private static readonly string[] AutumnChangeFirstLabels = ["00:00", "01:00 UTC−4", "01:00 UTC−5", "02:00"];
    private static readonly string[] TokyoWeekLabels = ["Jul 9", "Jul 10", "Jul 11", "Jul 12", "Jul 13", "Jul 14", "Jul 15"];
    private static readonly double[] TokyoWeekValues = [1, 0, 0, 1, 0, 0, 1];

    /// <summary>The charts use case at a chosen instant (the handler with a fixed clock, as the signed-in moderator).</summary>
    private static Task<DashboardCharts> ChartsAtAsync(Setup setup, DateTime nowUtc, ChartWindow window, string zone) =>
        setup.Fixture.App.AsUserAsync(setup.Moderator, s => new GetDashboardChartsHandler(
            s.GetRequiredService<IDbContextFactory<CoopDbContext>>(), s.GetRequiredService<ICurrentUser>(), new FixedTime(nowUtc))
            .HandleAsync(new GetDashboardChartsQuery(window, zone)));

    /// <summary>One Action decision (and its report) at each instant, through the roll-up facts.</summary>
    private static async Task DecideAtAsync(Setup setup, params DateTime[] instants)
    {
        await using var db = await setup.Fixture.ContextAsync();
        foreach (var at in instants)
        {
            await RollupWriter.ApplyAsync(db, RollupFacts.For(new DecisionFact(setup.Fixture.OrganizationId, setup.Queue.Id, DecisionKind.Action, "u1", at.AddMinutes(-10), at, at.AddMinutes(-2)))
                .Concat(RollupFacts.For(new ReportFact(setup.Fixture.OrganizationId, "spam", at))), TestContext.Current.CancellationToken);
        }
    }

    private static DateTime Local(string zone, int year, int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_day_chart_on_the_autumn_dst_change_has_25_hours_and_keeps_the_two_half_past_ones_apart(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;

        // 1 November 2026 in New York: 01:00–02:00 happens twice (EDT, UTC−4, then EST, UTC−5).
        var firstOne = new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc);
        var secondOne = new DateTime(2026, 11, 1, 6, 30, 0, DateTimeKind.Utc);
        var lateEvening = Local("America/New_York", 2026, 11, 1, 23, 45);
        var dayBefore = Local("America/New_York", 2026, 10, 31, 23, 59);
        await DecideAtAsync(setup, firstOne, secondOne, secondOne.AddMinutes(5), lateEvening, dayBefore);

        var charts = await ChartsAtAsync(setup, new DateTime(2026, 11, 2, 4, 55, 0, DateTimeKind.Utc), ChartWindow.Day, "America/New_York");
        Assert.Equal(25, charts.Labels.Count);
        Assert.Equal(AutumnChangeFirstLabels, charts.Labels.Take(4));
        Assert.Equal(25, charts.Labels.Distinct().Count());
        var actioned = Assert.Single(charts.DecisionsByKind).Values;
        Assert.Equal((1.0, 2.0, 1.0), (actioned[1], actioned[2], actioned[24]));
        Assert.Equal(4, actioned.Sum());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_week_window_starts_at_local_midnight_six_days_back_and_ends_with_today(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;

        // Tokyo (UTC+9, no DST); "now" is Wednesday 15 July 2026 10:00 local. The week is Thu 9 July – Wed 15 July, local days.
        const string zone = "Asia/Tokyo";
        var now = Local(zone, 2026, 7, 15, 10, 0);
        await DecideAtAsync(setup,
            Local(zone, 2026, 7, 8, 23, 59),  // the day before the window: out
            Local(zone, 2026, 7, 9, 0, 0),    // the window's first instant: in, first day
            Local(zone, 2026, 7, 12, 8, 30),  // Sunday local, still Saturday in UTC: Sunday's bar
            Local(zone, 2026, 7, 15, 9, 59)); // today: the last day

        var charts = await ChartsAtAsync(setup, now, ChartWindow.Week, zone);
        Assert.Equal(TokyoWeekLabels, charts.Labels);
        Assert.Equal(TokyoWeekValues, Assert.Single(charts.DecisionsByKind).Values);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_month_window_and_the_transparency_report_count_the_23_hour_spring_day_as_one_local_day(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;

        // Berlin skips 02:00–03:00 on 29 March 2026: that local day is 23 hours long.
        const string zone = "Europe/Berlin";
        await DecideAtAsync(setup,
            Local(zone, 2026, 3, 28, 23, 30), // Saturday evening (22:30 UTC)
            Local(zone, 2026, 3, 29, 0, 30),  // just after midnight on the short day (23:30 UTC the day before)
            Local(zone, 2026, 3, 29, 23, 30), // late on the short day (21:30 UTC)
            Local(zone, 2026, 3, 30, 0, 0));  // the next day's first instant

        var charts = await ChartsAtAsync(setup, new DateTime(2026, 4, 10, 12, 0, 0, DateTimeKind.Utc), ChartWindow.Month, zone);
        Assert.Equal(30, charts.Labels.Count);
        Assert.Equal("Mar 12", charts.Labels[0]);
        var values = Assert.Single(charts.DecisionsByKind).Values;
        double Day(string label) => values[charts.Labels.ToList().IndexOf(label)];
        Assert.Equal((1.0, 2.0, 1.0), (Day("Mar 28"), Day("Mar 29"), Day("Mar 30")));

        var report = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), zone)));
        Assert.Equal(TimeSpan.FromHours(23), report.ToUtc - report.FromUtc);
        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0), report.FromUtc);
        Assert.Equal((2L, 2L), (report.Notices, report.ActionDecisions));
        var month = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), zone)));
        Assert.Equal((4L, 4L), (month.Notices, month.ActionDecisions));
    }

    /// <summary>
    /// Every daily cell of the organization but queue depth (a level whose daily cell keeps the peak of the day's snapshots,
    /// which can be above the hourly cells' last snapshots when a snapshot runs between two checks).
    /// </summary>
    private static async Task<List<(string Series, DateTime Day, string Key1, string Key2, long Value)>> DailyCellsAsync(ApiFixture fixture)
    {
        await using var db = await fixture.ContextAsync();
        var cells = await db.DashboardDailyCounters.AsNoTracking().Where(c => c.OrganizationId == fixture.OrganizationId && c.Series != DashboardSeries.QueueDepth)
            .Select(c => new { c.Series, c.DayStart, c.Key1, c.Key2, c.Value }).ToListAsync();
        return [.. cells.Select(c => (c.Series, c.DayStart, c.Key1, c.Key2, c.Value)).Order()];
    }

    /// <summary>The hourly cells but queue depth, summed by the local day their hour starts on.</summary>
    private static async Task<List<(string Series, DateTime Day, string Key1, string Key2, long Value)>> HourlyByDayAsync(ApiFixture fixture, TimeZoneInfo zone)
    {
        await using var db = await fixture.ContextAsync();
        var cells = await db.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == fixture.OrganizationId && c.Series != DashboardSeries.QueueDepth)
            .Select(c => new { c.Series, c.HourStart, c.Key1, c.Key2, c.Value }).ToListAsync();
        return [.. cells.GroupBy(c => (c.Series, Day: RollupPlan.DayStartOf(c.HourStart, zone), c.Key1, c.Key2))
            .Select(g => (g.Key.Series, g.Key.Day, g.Key.Key1, g.Key.Key2, g.Sum(c => c.Value)))
            .Where(c => c.Item5 != 0).Order()];
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Daily_cells_equal_a_direct_query_of_the_sources_by_local_day_and_are_rebuilt_when_the_zone_changes(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider, new() { ["Dashboards:TimeZone"] = "America/New_York" });
        await using var fixture = setup.Fixture;
        var org = fixture.OrganizationId;
        var ct = TestContext.Current.CancellationToken;
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var job = ActivatorUtilities.CreateInstance<DashboardRollupJob>(fixture.App.Services);

        // A run builds the (empty) daily cells in the configured zone (the scheduled job may have done it already); the next finds them built.
        await job.EnsureDailyAsync(org, ct);
        Assert.False(await job.EnsureDailyAsync(org, ct));

        // Jobs and decisions on both sides of the last three New York midnights, written straight to the source tables.
        var today = DashboardTime.LocalDay(now, newYork);
        var instants = new List<DateTime>();
        for (var d = 1; d <= 3; d++)
        {
            var midnight = DashboardTime.LocalDayStartUtc(today.AddDays(-d + 1), newYork);
            instants.AddRange([midnight.AddMinutes(-31), midnight.AddMinutes(-1), midnight, midnight.AddMinutes(29), midnight.AddHours(5)]);
        }

        instants = [.. instants.Where(t => t < now.AddMinutes(-30)).Order()];
        await using (var db = await fixture.ContextAsync())
        {
            for (var i = 0; i < instants.Count; i++)
            {
                var created = instants[i].AddMinutes(-20 - i);
                var job1 = ReviewJob.Open(org, setup.Queue.Id, "post", $"seed{i}", JobSource.Report, created);
                db.ReviewJobs.Add(job1);
                db.JobEvents.Add(JobEvent.Record(org, job1.Id, JobEventKind.Claimed, setup.ModeratorId, instants[i].AddMinutes(-2)));
                job1.Claim(setup.ModeratorId, instants[i].AddMinutes(-2), TimeSpan.FromMinutes(10));
                db.ReviewDecisions.Add(ReviewDecision.Record(job1, i % 3 == 0 ? DecisionKind.Action : DecisionKind.Ignore, setup.ModeratorId, setup.Moderator,
                    "[]", "[]", null, instants[i]));
                job1.Close(setup.ModeratorId, instants[i]);
            }

            await db.SaveChangesAsync(ct);
        }

        // The job recomputes those hours (and re-sums their local days); then two decisions arrive through the real paths,
        // which add to today's daily cells as they happen.
        await job.RecomputeAsync(org, DashboardTime.HourOf(instants[0].AddHours(-1)), cancellationToken: ct);
        await using (var db = await fixture.ContextAsync())
        {
            await JobEnqueuer.EnqueueAsync(db, org, "post", "live1", JobSource.Report, ["spam"], null, setup.Queue.Id, QueueKind.Standard, "test", now, null, ct);
            await JobEnqueuer.EnqueueAsync(db, org, "post", "live2", JobSource.Report, ["spam"], null, setup.Queue.Id, QueueKind.Standard, "test", now, null, ct);
            await db.SaveChangesAsync(ct);
        }

        var claims = fixture.App.Services.GetRequiredService<JobClaims>();
        for (var i = 0; i < 2; i++)
        {
            var claimed = await claims.ClaimNextAsync(org, setup.Queue.Id, setup.ModeratorId, ct);
            Assert.NotNull(claimed);
            await fixture.App.AsUserAsync(setup.Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(claimed.JobId, DecisionKind.Ignore)));
        }

        // A direct query of the sources, bucketed by the local day each event's hour starts on.
        var daily = await DailyCellsAsync(fixture);
        await using (var db = await fixture.ContextAsync())
        {
            var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.OrganizationId == org).Select(d => new { d.Kind, d.DecidedAt }).ToListAsync(ct);
            var expected = decisions.GroupBy(d => (Day: RollupPlan.DayStartOf(DashboardTime.HourOf(d.DecidedAt), newYork), Kind: d.Kind.ToString()))
                .Select(g => (g.Key.Day, g.Key.Kind, (long)g.Count())).Order().ToList();
            var actual = daily.Where(c => c.Series == DashboardSeries.QueueDecisions && c.Key1 == setup.Queue.Id).Select(c => (c.Day, c.Key2, c.Value)).Order().ToList();
            Assert.Equal(expected, actual);
            Assert.True(expected.Select(e => e.Day).Distinct().Count() >= 3, "the seeded decisions span at least three New York days");

            var arrivals = await db.ReviewJobs.AsNoTracking().Where(j => j.OrganizationId == org).Select(j => j.CreatedAt).ToListAsync(ct);
            var expectedArrivals = arrivals.GroupBy(a => RollupPlan.DayStartOf(DashboardTime.HourOf(a), newYork)).Select(g => (g.Key, (long)g.Count())).Order().ToList();
            Assert.Equal(expectedArrivals, daily.Where(c => c.Series == DashboardSeries.QueueArrivals).Select(c => (c.Day, c.Value)).Order().ToList());
            Assert.Equal(decisions.Count, daily.Where(c => c.Series == DashboardSeries.ReviewerHandle).Sum(c => c.Value));
        }

        // Every daily cell is its hourly cells summed by local day, and the job's run leaves them so (idempotent).
        Assert.Equal(await HourlyByDayAsync(fixture, newYork), daily);
        await job.RunAsync(ct);
        Assert.Equal(await HourlyByDayAsync(fixture, newYork), await DailyCellsAsync(fixture));

        // A week chart and a report in New York read whole days from the daily cells and give what the hourly cells give.
        await using (var db = await fixture.ContextAsync())
        {
            var source = await RollupSource.ForAsync(db, org, DashboardTime.LocalDayStartUtc(today.AddDays(-6), newYork),
                DashboardTime.LocalDayStartUtc(today.AddDays(1), newYork), newYork, byHour: false, ct);
            Assert.True(source.Plan.HasDays);
            Assert.Empty(source.Plan.Hours);
        }

        var reportFrom = DashboardTime.LocalDayStartUtc(today.AddDays(-3), newYork);
        var report = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(today.AddDays(-3), today, "America/New_York")));
        Assert.Equal(instants.Select((t, i) => (t, i)).Count(x => x.i % 3 == 0 && DashboardTime.HourOf(x.t) >= reportFrom), report.ActionDecisions);
        var week = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardChartsQuery, DashboardCharts>(new GetDashboardChartsQuery(ChartWindow.Week, "America/New_York")));
        Assert.Equal(instants.Count + 2, (int)week.DecisionsByKind.Sum(l => l.Values.Sum()));

        // The organization's zone changes to Kolkata (UTC+5:30): the next run rebuilds its daily cells in that zone.
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        fixture.App.Services.GetRequiredService<IConfiguration>()["Dashboards:TimeZone"] = "Asia/Kolkata";
        await job.RunAsync(ct);
        await using (var db = await fixture.ContextAsync())
        {
            Assert.Equal("Asia/Kolkata", await db.DashboardDailyStates.Where(s => s.OrganizationId == org).Select(s => s.TimeZone).SingleAsync(ct));
        }

        var rebuilt = await DailyCellsAsync(fixture);
        Assert.Equal(await HourlyByDayAsync(fixture, kolkata), rebuilt);
        Assert.NotEmpty(rebuilt);
        Assert.All(rebuilt, c => Assert.Equal(TimeOnly.MinValue, TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.Day, kolkata))));

        // New York is no longer the organization's zone: the same report and chart now come from the hourly cells, and agree.
        var reportHourly = await fixture.App.AsUserAsync(setup.Moderator, s =>
            s.AskAsync<GetTransparencyReportQuery, TransparencyReport>(new GetTransparencyReportQuery(today.AddDays(-3), today, "America/New_York")));
        var weekHourly = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardChartsQuery, DashboardCharts>(new GetDashboardChartsQuery(ChartWindow.Week, "America/New_York")));
        Assert.Equal((report.ActionDecisions, report.ManualActions, report.Notices), (reportHourly.ActionDecisions, reportHourly.ManualActions, reportHourly.Notices));
        Assert.Equal(week.DecisionsByKind.Select(l => (l.Name, string.Join(",", l.Values))), weekHourly.DecisionsByKind.Select(l => (l.Name, string.Join(",", l.Values))));
        Assert.Equal(week.HandleTimeCounts, weekHourly.HandleTimeCounts);
    }

    /// <summary>
    /// The job's grouped read of the sources (SQLite and PostgreSQL) gives what the event-by-event read gives: the same cells,
    /// with durations on each histogram bucket's edge (and a microsecond either side), negative ones, claims before the window,
    /// second claims by another reviewer, decisions by nobody or after a later claim, appeal decisions, reports with and
    /// without a policy, and the window's edges.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_grouped_read_of_the_sources_gives_the_cells_the_event_by_event_read_gives(DatabaseProvider provider)
    {
        var setup = await SetUpAsync(provider);
        await using var fixture = setup.Fixture;
        var org = fixture.OrganizationId;
        var ct = TestContext.Current.CancellationToken;
        var other = await OrganizationBuilder.AddUserAsync(fixture.App, org, "other@acme.test", DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var from = DashboardTime.HourOf(now.AddHours(-40));
        TimeSpan[] waits =
        [
            TimeSpan.Zero, TimeSpan.FromSeconds(5) - TimeSpan.FromMicroseconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) + TimeSpan.FromMicroseconds(1),
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(37.5), TimeSpan.FromHours(1), TimeSpan.FromDays(1),
            TimeSpan.FromSeconds(5 << 18) - TimeSpan.FromMicroseconds(1), TimeSpan.FromSeconds(5 << 18), TimeSpan.FromDays(40), TimeSpan.FromSeconds(-3),
        ];
        DecisionKind[] kinds = [DecisionKind.Ignore, DecisionKind.Action, DecisionKind.AcceptAppeal, DecisionKind.RejectAppeal];
        await using (var db = await fixture.ContextAsync())
        {
            for (var i = 0; i < waits.Length; i++)
            {
                // Whole seconds, a seven-digit fraction and a short one: SQLite stores each as text of a different length.
                var claimed = from.AddMinutes(50 * i).AddTicks(i % 3 == 0 ? 0 : i % 3 == 1 ? 1_234_567 : 5_000_000);
                var job = ReviewJob.Open(org, setup.Queue.Id, "post", $"g{i}", JobSource.Report, claimed - waits[i]);
                db.ReviewJobs.Add(job);
                if (i == 3)
                {
                    db.JobEvents.Add(JobEvent.Record(org, job.Id, JobEventKind.Claimed, other, from.AddMinutes(-30)));    // first claimed before the window
                }

                db.JobEvents.Add(JobEvent.Record(org, job.Id, JobEventKind.Claimed, setup.ModeratorId, claimed));
                var decided = claimed + waits[(i + 5) % waits.Length].Duration() / 40;
                if (i % 4 == 1)
                {
                    db.JobEvents.Add(JobEvent.Record(org, job.Id, JobEventKind.Claimed, other, claimed.AddSeconds(7)));   // a second reviewer's claim
                }

                if (i % 5 == 2)
                {
                    db.JobEvents.Add(JobEvent.Record(org, job.Id, JobEventKind.Skipped, i % 2 == 0 ? setup.ModeratorId : null, claimed.AddSeconds(1)));
                }

                var reviewer = (i % 6) switch
                {
                    0 => null,                      // decided by no one (automation)
                    1 => other,                     // after their own later claim
                    2 => other,                     // with no claim of theirs: no handle time
                    _ => setup.ModeratorId,
                };
                if (i == 7)
                {
                    db.JobEvents.Add(JobEvent.Record(org, job.Id, JobEventKind.Claimed, setup.ModeratorId, decided.AddMinutes(1)));  // claimed again after deciding
                }

                db.ReviewDecisions.Add(ReviewDecision.Record(job, kinds[i % kinds.Length], reviewer, null, "[]", "[]", null, decided));
            }

            var history = new UserHistorySeed(db, org);
            history.Report("post", "r1", new("u1", "user"), from, policyId: "spam");                  // at the window's start: in
            history.Report("post", "r2", new("u1", "user"), from.AddTicks(-10), policyId: "spam");    // just before it: out
            history.Report("post", "r3", new("u2", "user"), from.AddHours(3).AddTicks(4_444_444));
            history.Report("post", "r4", new("u2", "user"), from.AddHours(5), policyId: new string('p', 64));
            history.Appeal("a1", new("u1", "user"), "post", "r1", from.AddHours(2));
            history.Appeal("a2", new("u1", "user"), "post", "r3", from.AddHours(9).AddTicks(9_000_000));
            db.ActionExecutions.Add(ActionExecution.Record(org, "remove", "Remove", "post", "r1", ActionExecutionSource.Rule, "c1", from.AddHours(1), policies: "[\"spam\"]"));
            db.ActionExecutions.Add(ActionExecution.Record(org, "remove", "Remove", "post", "r2", ActionExecutionSource.StrikeThreshold, "c2", from.AddHours(4)));
            db.ActionExecutions.Add(ActionExecution.Record(org, "ban", "Ban", "user", "u1", ActionExecutionSource.StrikeThreshold, "c2", from.AddHours(4).AddSeconds(1)));
            await db.SaveChangesAsync(ct);
        }

        foreach (var until in new DateTime?[] { null, from.AddHours(5) })
        {
            await using var db = await fixture.ContextAsync();
            var eventByEvent = Cells(RollupFacts.Combine(await DashboardRollupJob.SourceDeltasAsync(db, org, from, until, ct)));
            var grouped = Cells(RollupFacts.Combine(await RollupSourceGroups.DeltasAsync(db, org, from, until, ct)));
            Assert.Equal(eventByEvent, grouped);
            Assert.Contains(grouped, c => c.Series == DashboardSeries.Reports);
            Assert.Contains(grouped, c => c.Series == DashboardSeries.ActionsAutomated);
        }

        // Both reads put each edge where DurationHistogram does, over the whole window.
        await using (var db = await fixture.ContextAsync())
        {
            var cells = Cells(RollupFacts.Combine(await RollupSourceGroups.DeltasAsync(db, org, from, null, ct)));
            var claimWaits = cells.Where(c => c.Series == DashboardSeries.QueueClaimWait).GroupBy(c => c.Key2).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
            var expected = waits.Where((_, i) => i != 3).GroupBy(w => DurationHistogram.Key(DurationHistogram.BucketOf(w))).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.OrderBy(e => e.Key), claimWaits.OrderBy(e => e.Key));
            Assert.Equal([0, 1, 2, 18, 19], claimWaits.Keys.Select(DurationHistogram.Parse).Where(b => b is <= 2 or >= 18).Order());
            foreach (var series in new[] { DashboardSeries.QueueDecisions, DashboardSeries.QueueDecideWait, DashboardSeries.ReviewerHandle, DashboardSeries.AppealsDecided,
                DashboardSeries.TimeToAction, DashboardSeries.QueueSkips, DashboardSeries.ReviewerSkips, DashboardSeries.QueueArrivals, DashboardSeries.Appeals,
                DashboardSeries.StrikeThresholds })
            {
                Assert.Contains(cells, c => c.Series == series);
            }

            Assert.Equal(waits.Length, cells.Where(c => c.Series == DashboardSeries.QueueDecisions).Sum(c => c.Value));
            Assert.Equal(3, cells.Where(c => c.Series == DashboardSeries.Reports).Sum(c => c.Value));
            Assert.Equal(["", new string('p', 64), "spam"], cells.Where(c => c.Series == DashboardSeries.Reports).Select(c => c.Key1).Order(StringComparer.Ordinal));
        }

        static List<(string Series, DateTime Hour, string Key1, string Key2, long Value)> Cells(IEnumerable<CounterDelta> deltas) =>
            [.. deltas.Select(d => (d.Series, d.HourStart, d.Key1, d.Key2, d.Value)).Order()];
    }

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
