using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.ChildSafety.Review;
using Coop.Web.Features.Investigation.Items;
using Coop.Web.Features.Investigation.Search;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Jobs;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>NCMEC jobs, their media and their decisions are seen only with VIEW_CHILD_SAFETY_DATA, wherever they could show.</summary>
[Trait("Category", "Integration")]
public sealed class NcmecVisibilityTests
{
    [Fact]
    public async Task A_moderator_without_child_safety_access_sees_no_NCMEC_job_media_or_decision_anywhere()
    {
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite);
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a")]));
        await scenario.ReportCsamAsync("p9", "u1", NcmecReviewScenario.Image("reported"));
        var job = await scenario.NcmecJobAsync("u1");
        await scenario.ClaimAsync(job.Id, scenario.ChildSafetyId);
        await using (var db = await scenario.ContextAsync())
        {
            var media = (await db.NcmecJobContents.SingleAsync(TestContext.Current.CancellationToken)).Media;
            await scenario.Fixture.App.AsUserAsync(scenario.ChildSafety, s => s.SendAsync<SubmitNcmecReportCommand, NcmecDecisionOutcome>(
                new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.ChildPornography, [.. media.Select(m => new NcmecMediumInput(m.Key, NcmecMediumCategory.A1))])));
        }

        var app = scenario.Fixture.App;
        Task<T> AsModerator<T>(Func<IServiceProvider, Task<T>> action) => app.AsUserAsync(scenario.Moderator, action);
        Task<T> AsChildSafety<T>(Func<IServiceProvider, Task<T>> action) => app.AsUserAsync(scenario.ChildSafety, action);

        // The job and its form.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsModerator(s => s.AskAsync<GetJobQuery, JobDetails?>(new GetJobQuery(job.Id))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsModerator(s => s.AskAsync<GetNcmecJobQuery, NcmecJobView?>(new GetNcmecJobQuery(job.Id))));
        Assert.NotNull(await AsChildSafety(s => s.AskAsync<GetNcmecJobQuery, NcmecJobView?>(new GetNcmecJobQuery(job.Id))));

        // Queues: not listed, and not claimable.
        Assert.DoesNotContain(await AsModerator(s => s.AskAsync<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>(new ListReviewQueuesQuery())),
            q => q.Kind == Coop.Domain.Moderation.QueueKind.Ncmec);
        Assert.Contains(await AsChildSafety(s => s.AskAsync<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>(new ListReviewQueuesQuery())),
            q => q.Kind == Coop.Domain.Moderation.QueueKind.Ncmec);
        await scenario.ReportCsamAsync("p10", "u2", NcmecReviewScenario.Image("x"));
        var open = await scenario.NcmecJobAsync("u2");
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsModerator(s => s.SendAsync<ClaimJobCommand, ClaimedJob?>(new ClaimJobCommand(open.Id))));
        await using (var db = await scenario.ContextAsync())
        {
            Assert.Null((await db.ReviewJobs.SingleAsync(j => j.Id == open.Id, TestContext.Current.CancellationToken)).ClaimedByUserId);
        }

        // Recent decisions and the user's history.
        Assert.Empty(await AsModerator(s => s.AskAsync<ListRecentDecisionsQuery, IReadOnlyList<Coop.Web.Features.Review.Decisions.DecisionRow>>(new ListRecentDecisionsQuery())));
        Assert.Single(await AsChildSafety(s => s.AskAsync<ListRecentDecisionsQuery, IReadOnlyList<Coop.Web.Features.Review.Decisions.DecisionRow>>(new ListRecentDecisionsQuery())));
        var history = new ListUserHistoryQuery("user", "u1", UserHistorySection.Decisions);
        Assert.Empty((await AsModerator(s => s.AskAsync<ListUserHistoryQuery, UserHistorySlice>(history))).Entries);
        Assert.Single((await AsChildSafety(s => s.AskAsync<ListUserHistoryQuery, UserHistorySlice>(history))).Entries);

        // Investigation: the reported post (its job is the user's) and the user are hidden; the user's other post is not.
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsModerator(s => s.AskAsync<GetInvestigationItemQuery, InvestigationItem>(new GetInvestigationItemQuery("post", "p9"))));
        await scenario.Fixture.WaitForItemAsync("p9");
        var search = new SearchItemsQuery(new InvestigationFilters(UserId: "u1"));
        var seen = (await AsModerator(s => s.AskAsync<SearchItemsQuery, ItemSearchPage>(search))).Rows.Select(r => r.ItemId).ToList();
        Assert.DoesNotContain("p9", seen);
        Assert.Contains("p1", seen);
        Assert.Contains("p9", (await AsChildSafety(s => s.AskAsync<SearchItemsQuery, ItemSearchPage>(search))).Rows.Select(r => r.ItemId));
    }
}
