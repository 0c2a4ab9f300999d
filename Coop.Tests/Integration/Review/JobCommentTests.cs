using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Comments;
using Coop.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Review;

[Trait("Category", "Integration")]
public sealed class JobCommentTests
{
    [Fact]
    public async Task Reviewers_comment_on_a_job_live_only_authors_delete_and_other_organizations_see_nothing()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var app = fixture.App;
        await OrganizationBuilder.AddUserAsync(app, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(app, fixture.OrganizationId, "ben@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var job = ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", "p1", JobSource.Report, now);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewQueues.Add(queue);
            db.ReviewJobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var heard = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Services.GetRequiredService<ILiveEvents>().Subscribe(LiveTopics.Job(job.Id), e =>
        {
            heard.TrySetResult(e);
            return Task.CompletedTask;
        });

        var added = await app.AsUserAsync("ana@acme.test", s => s.SendAsync<AddJobCommentCommand, JobCommentView>(new AddJobCommentCommand(job.Id, "  <i>seen this user before</i>  ")));

        Assert.Equal(LiveEventKinds.CommentAdded, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Kind);
        var seenByBen = await app.AsUserAsync("ben@acme.test", s => s.AskAsync<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>(new ListJobCommentsQuery(job.Id)));
        var comment = Assert.Single(seenByBen);
        Assert.Equal(("ana@acme.test", "<i>seen this user before</i>", false), (comment.AuthorName, comment.Text, comment.IsMine));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            app.AsUserAsync("ben@acme.test", s => s.SendAsync<DeleteJobCommentCommand, bool>(new DeleteJobCommentCommand(added.Id))));
        var otherModerator = OrganizationBuilder.EmailFor("Other", DefaultRoles.Moderator);
        Assert.Empty(await app.AsUserAsync(otherModerator, s => s.AskAsync<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>(new ListJobCommentsQuery(job.Id))));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.AsUserAsync(otherModerator, s => s.SendAsync<AddJobCommentCommand, JobCommentView>(new AddJobCommentCommand(job.Id, "hi"))));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.AsUserAsync("ben@acme.test", s => s.SendAsync<AddJobCommentCommand, JobCommentView>(new AddJobCommentCommand(job.Id, "   "))));

        Assert.True(await app.AsUserAsync("ana@acme.test", s => s.SendAsync<DeleteJobCommentCommand, bool>(new DeleteJobCommentCommand(added.Id))));
        Assert.Empty(await app.AsUserAsync("ben@acme.test", s => s.AskAsync<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>(new ListJobCommentsQuery(job.Id))));
    }
}
