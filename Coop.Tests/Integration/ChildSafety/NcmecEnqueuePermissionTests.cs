using Coop.Domain.Actions;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Bulk;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.ChildSafety.Jobs;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// Sending a user to NCMEC review by hand needs "View child safety content" on the server, whichever path is taken: the
/// "Enqueue to NCMEC" decision, an action decision or a console run naming the built-in NCMEC action, a bulk run. A
/// moderator without it is refused and nothing is written; a child-safety moderator is not.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NcmecEnqueuePermissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ReviewJob Job, ActionDefinition Ncmec)> SetUpAsync(NcmecReviewScenario scenario)
    {
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a")]));
        await using var db = await scenario.ContextAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var existing = await db.Actions.Where(a => a.OrganizationId == scenario.Fixture.OrganizationId).ToListAsync(Ct);
        Coop.Web.Features.Actions.BuiltInActions.AddMissing(db, scenario.Fixture.OrganizationId, existing, now);
        var queues = await Coop.Web.Features.Review.Routing.DefaultQueues.EnsureAsync(db, scenario.Fixture.OrganizationId, now, Ct);
        var job = ReviewJob.Open(scenario.Fixture.OrganizationId, Coop.Web.Features.Review.Routing.DefaultQueues.DefaultOf(queues, QueueKind.Standard)!.Id,
            "post", "p1", JobSource.Report, now);
        db.ReviewJobs.Add(job);
        await db.SaveChangesAsync(Ct);
        var ncmec = await db.Actions.SingleAsync(a => a.OrganizationId == scenario.Fixture.OrganizationId && a.ActionType == ActionType.EnqueueToNcmec, Ct);
        return (job, ncmec);
    }

    private static async Task AssertNothingWrittenAsync(NcmecReviewScenario scenario, string jobId)
    {
        await using var db = await scenario.ContextAsync();
        var job = await db.ReviewJobs.SingleAsync(j => j.Id == jobId, Ct);
        Assert.Equal(JobStatus.Open, job.Status);
        Assert.Equal(scenario.ModeratorId, job.ClaimedByUserId);
        Assert.False(await db.ReviewDecisions.AnyAsync(d => d.JobId == jobId, Ct));
        Assert.False(await (from j in db.ReviewJobs join q in db.ReviewQueues on j.QueueId equals q.Id where q.Kind == QueueKind.Ncmec select j).AnyAsync(Ct));
        Assert.False(await db.NcmecJobItems.AnyAsync(Ct));
        Assert.False(await db.ActionExecutions.AnyAsync(Ct));
        Assert.False(await db.BulkActionRuns.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_moderator_without_the_child_safety_permission_is_refused_on_every_path_and_nothing_is_written()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite);
        var (job, ncmec) = await SetUpAsync(scenario);
        await scenario.ClaimAsync(job.Id, scenario.ModeratorId);
        var app = scenario.Fixture.App;

        // The options hide the button…
        var options = await app.AsUserAsync(scenario.Moderator, s => s.AskAsync<GetDecisionOptionsQuery, DecisionOptions>(new GetDecisionOptionsQuery(job.Id)));
        Assert.False(options.CanEnqueueToNcmec);

        // …and the server refuses the decision anyway.
        var decision = await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(scenario.Moderator,
            s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(job.Id, DecisionKind.EnqueueToNcmec))));
        Assert.Equal(NcmecEnqueuePermission.Refusal, decision.Message);
        await AssertNothingWrittenAsync(scenario, job.Id);

        // An action decision naming the built-in NCMEC action.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(scenario.Moderator,
            s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(job.Id, DecisionKind.Action, [new DecisionActionInput(ncmec.Id)]))));
        await AssertNothingWrittenAsync(scenario, job.Id);

        // A console run of the action (the moderator may run other actions).
        var run = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(scenario.Moderator,
            s => s.SendAsync<RunActionCommand, RunActionOutcome>(new RunActionCommand(ncmec.Id, "post", "p1", []))));
        Assert.Contains(NcmecEnqueuePermission.Refusal, run.Errors["actionId"]);
        await AssertNothingWrittenAsync(scenario, job.Id);

        // A bulk run.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(scenario.Moderator,
            s => s.SendAsync<StartBulkActionCommand, BulkActionStarted>(new StartBulkActionCommand("post", ["p1", "p2"], [ncmec.Id], []))));
        await AssertNothingWrittenAsync(scenario, job.Id);
    }

    [Fact]
    public async Task A_child_safety_moderator_may_send_the_author_to_NCMEC_from_a_console_run()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite);
        var (_, ncmec) = await SetUpAsync(scenario);

        var outcome = await scenario.Fixture.App.AsUserAsync(scenario.ChildSafety,
            s => s.SendAsync<RunActionCommand, RunActionOutcome>(new RunActionCommand(ncmec.Id, "post", "p1", [])));

        Assert.Equal(ncmec.Name, outcome.ActionName);
        var job = await scenario.NcmecJobAsync("u1");
        Assert.Equal(JobStatus.Open, job.Status);
    }
}
