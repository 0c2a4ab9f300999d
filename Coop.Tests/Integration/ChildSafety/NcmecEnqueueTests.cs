using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>Every path into child-safety review ends in the one open, user-centred NCMEC job holding the user's media.</summary>
[Trait("Category", "Integration")]
public sealed class NcmecEnqueueTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_csam_report_opens_one_job_about_the_author_with_all_their_media_and_a_second_report_updates_it(DatabaseProvider provider)
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(provider);
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a"), NcmecReviewScenario.Image("b")]), ("p2", [NcmecReviewScenario.Image("c")]), ("p3", []));
        await scenario.SeedPostsAsync("u2", ("q1", [NcmecReviewScenario.Image("other-user")]));

        await scenario.ReportCsamAsync("p9", "u1", NcmecReviewScenario.Image("reported"));
        var job = await scenario.NcmecJobAsync("u1");
        await using (var db = await scenario.ContextAsync())
        {
            var content = await db.NcmecJobContents.SingleAsync(c => c.JobId == job.Id, TestContext.Current.CancellationToken);
            Assert.Equal([NcmecReviewScenario.Image("reported"), NcmecReviewScenario.Image("a"), NcmecReviewScenario.Image("b"), NcmecReviewScenario.Image("c")], content.Media.Select(m => m.Url));
            Assert.Equal([true, false, false, false], content.Media.Select(m => m.Reported));
            Assert.Equal((0, true, 1), (content.OmittedItemCount, content.UserResolved, job.ReportCount));
            Assert.Equal(["post/p9"], await db.NcmecJobItems.Where(i => i.JobId == job.Id).Select(i => i.ItemTypeId + "/" + i.ItemId).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(job.Id, (await db.Set<Report>().SingleAsync(TestContext.Current.CancellationToken)).JobId);
            Assert.False(await db.ReviewJobs.AnyAsync(j => j.ItemId == "p9", TestContext.Current.CancellationToken));
        }

        await scenario.ReportCsamAsync("p2", "u1", NcmecReviewScenario.Image("c"));
        await using var check = await scenario.ContextAsync();
        var jobs = await check.ReviewJobs.Where(j => j.ItemTypeId == "user").ToListAsync(TestContext.Current.CancellationToken);
        var same = Assert.Single(jobs);
        Assert.Equal((job.Id, 2, JobStatus.Open), (same.Id, same.ReportCount, same.Status));
        Assert.Equal(["post/p2", "post/p9"], (await check.NcmecJobItems.Where(i => i.JobId == job.Id).Select(i => i.ItemTypeId + "/" + i.ItemId)
            .ToListAsync(TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
        var media = (await check.NcmecJobContents.SingleAsync(TestContext.Current.CancellationToken)).Media;
        Assert.Equal(4, media.Count);
        Assert.True(media.Single(m => m.Url == NcmecReviewScenario.Image("c")).Reported);
    }

    [Fact]
    public async Task Media_are_read_in_pages_and_stop_at_the_cap_counting_what_was_left_out()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite,
            new() { ["ChildSafety:Review:MediaCap"] = "5", ["ChildSafety:Review:PageSize"] = "2" });
        await scenario.SeedPostsAsync("u1", [.. Enumerable.Range(10, 9).Select(i => ($"p{i}", new[] { NcmecReviewScenario.Image($"m{i}") }))]);

        await scenario.ReportCsamAsync("p99", "u1", NcmecReviewScenario.Image("reported"));

        var job = await scenario.NcmecJobAsync("u1");
        await using var db = await scenario.ContextAsync();
        var content = await db.NcmecJobContents.SingleAsync(c => c.JobId == job.Id, TestContext.Current.CancellationToken);
        Assert.Equal([NcmecReviewScenario.Image("reported"), .. Enumerable.Range(10, 4).Select(i => NcmecReviewScenario.Image($"m{i}"))], content.Media.Select(m => m.Url));
        Assert.Equal(5, content.OmittedItemCount);
    }

    [Fact]
    public async Task The_built_in_enqueue_to_NCMEC_action_of_a_rule_puts_the_author_into_their_job()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite);
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a")]), ("p2", [NcmecReviewScenario.Image("b")]));
        var publisher = scenario.Fixture.App.Services.GetRequiredService<ActionPublisher>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = await scenario.ContextAsync())
        {
            var existing = await db.Actions.Where(a => a.OrganizationId == scenario.Fixture.OrganizationId).ToListAsync(TestContext.Current.CancellationToken);
            Coop.Web.Features.Actions.BuiltInActions.AddMissing(db, scenario.Fixture.OrganizationId, existing, now);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var action = await db.Actions.SingleAsync(a => a.OrganizationId == scenario.Fixture.OrganizationId && a.ActionType == ActionType.EnqueueToNcmec, TestContext.Current.CancellationToken);
            foreach (var post in new[] { "p1", "p2" })
            {
                var publication = new ActionPublication(scenario.Fixture.OrganizationId,
                    new ActionTarget(new ItemIdentifier(post, "post"), "Post", ItemTypeKind.Content, new ItemIdentifier("u1", "user")),
                    [new ActionInvocation(action, null)], ActionExecutionSource.Rule, $"rule:{post}") { Rules = [new RuleReference("r1", "Known CSAM hash")] };
                Assert.Single(await publisher.PublishAsync(db, publication, now, TestContext.Current.CancellationToken));
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }
        }

        var job = await scenario.NcmecJobAsync("u1");
        await using var check = await scenario.ContextAsync();
        Assert.Equal(JobSource.RuleExecution, job.Source);
        Assert.Equal(2, await check.NcmecJobItems.CountAsync(i => i.JobId == job.Id, TestContext.Current.CancellationToken));
        Assert.Equal(2, (await check.NcmecJobContents.SingleAsync(TestContext.Current.CancellationToken)).MediaCount);
        Assert.Contains("Known CSAM hash", (await check.JobEvents.Where(e => e.JobId == job.Id).Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderators_enqueue_to_NCMEC_decision_sends_the_author_to_their_job()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite);
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a")]));
        ReviewJob job;
        await using (var db = await scenario.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var queues = await Coop.Web.Features.Review.Routing.DefaultQueues.EnsureAsync(db, scenario.Fixture.OrganizationId, now, TestContext.Current.CancellationToken);
            var queue = Coop.Web.Features.Review.Routing.DefaultQueues.DefaultOf(queues, QueueKind.Standard)!;
            job = ReviewJob.Open(scenario.Fixture.OrganizationId, queue.Id, "post", "p1", JobSource.Report, now);
            db.ReviewJobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await scenario.ClaimAsync(job.Id, scenario.ChildSafetyId);
        var outcome = await scenario.Fixture.App.AsUserAsync(scenario.ChildSafety,
            s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(job.Id, DecisionKind.EnqueueToNcmec)));

        var ncmec = await scenario.NcmecJobAsync("u1");
        Assert.Equal(ncmec.Id, outcome.TargetJobId);
        await using var check = await scenario.ContextAsync();
        Assert.Equal(["post/p1"], await check.NcmecJobItems.Where(i => i.JobId == ncmec.Id).Select(i => i.ItemTypeId + "/" + i.ItemId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JobStatus.Closed, (await check.ReviewJobs.SingleAsync(j => j.Id == job.Id, TestContext.Current.CancellationToken)).Status);
    }
}
