using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Dashboards;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var fixture = await ApiFixture.StartAsync(provider);
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
        return new Setup(fixture, moderator, moderatorId, queue);
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

        // The overview reads them, and the depth snapshot equals the open jobs.
        var overview = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<GetDashboardOverviewQuery, DashboardOverview>(new GetDashboardOverviewQuery()));
        var tile = Assert.Single(overview.Queues, q => q.QueueId == setup.Queue.Id);
        Assert.Equal((2, 6L, 4L, 1L), (tile.Pending, tile.ArrivalsLastHour, tile.DecisionsLastHour, tile.SkipsLastHour));
        Assert.NotNull(tile.DecideWaitP50);
        var reviewer = Assert.Single(overview.Reviewers);
        Assert.Equal((setup.Moderator, 4L, 1L), (reviewer.Name, reviewer.DecisionsLastHour, reviewer.SkipsLastHour));
        Assert.Equal(4, overview.Org.JobsDecided);
        Assert.Equal("Spam", Assert.Single(overview.Org.ActionsByPolicy).Name);
        await using (var db = await fixture.ContextAsync())
        {
            Assert.Equal(2, await db.DashboardCounters.Where(c => c.Series == DashboardSeries.QueueDepth && c.Key1 == setup.Queue.Id).SumAsync(c => c.Value, ct));
        }
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
}
