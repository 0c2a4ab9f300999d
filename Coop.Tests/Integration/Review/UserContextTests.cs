using System.Net;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Review.Context;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Review;

[Trait("Category", "Integration")]
public sealed class UserContextTests
{
    [Fact]
    public async Task A_jobs_author_comes_with_their_recent_items_prior_decisions_and_strikes()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var moderatorId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "mod@acme.test", DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewQueues.Add(queue);
            db.Policies.Add(Policy.Create(fixture.OrganizationId, "scam", new PolicyDetails("Scam", null, null, null, Penalty.High, 2, false), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails(
                "Remove", null, [], "https://platform.example/remove", [], null, ApplyUserStrikes: true), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/", """
            { "items": [
              { "id": "u1", "typeId": "user", "data": { "name": "Gift Card Gary" } },
              { "id": "p1", "typeId": "post", "data": { "text": "cheap cards", "author": { "id": "u1", "typeId": "user" } } },
              { "id": "p2", "typeId": "post", "data": { "text": "more cards", "author": { "id": "u1", "typeId": "user" } } },
              { "id": "p3", "typeId": "post", "data": { "text": "unrelated", "author": { "id": "u2", "typeId": "user" } } } ] }
            """))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await fixture.WaitUntilAsync(async db => await db.Set<Coop.Domain.Items.Item>().CountAsync() >= 4);
        var job = ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", "p1", JobSource.Report, now);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewJobs.Add(job);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.ReviewJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ClaimedByUserId, moderatorId).SetProperty(j => j.ClaimExpiresAt, now.AddMinutes(10)), TestContext.Current.CancellationToken);
        }

        await fixture.App.AsUserAsync("mod@acme.test", s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(
            new SubmitDecisionCommand(job.Id, DecisionKind.Action, [new DecisionActionInput("remove")], ["scam"])));

        var context = await fixture.App.AsUserAsync("mod@acme.test", s => s.AskAsync<GetUserContextQuery, UserContext?>(new GetUserContextQuery("post", "p2")));

        Assert.NotNull(context);
        Assert.Equal(("u1", "user", "Member"), (context.User.Id, context.User.TypeId, context.UserTypeName));
        Assert.Equal(["p1", "p2"], context.RecentItems.Select(i => i.ItemId).Order(StringComparer.Ordinal));
        Assert.Equal((job.Id, "p1", DecisionKind.Action, "mod@acme.test"), Assert.Single(context.Decisions) is var d ? (d.JobId, d.ItemId, d.Kind, d.Reviewer) : default);
        Assert.Equal((2, 3), (context.ActiveStrikes, context.Score));
        Assert.Equal(("Scam", 2, true), Assert.Single(context.Strikes) is var s ? (s.PolicyName, s.Weight, s.Active) : default);
        var ownContext = await fixture.App.AsUserAsync("mod@acme.test", s => s.AskAsync<GetUserContextQuery, UserContext?>(new GetUserContextQuery("user", "u1")));
        Assert.Equal(context.ActiveStrikes, ownContext!.ActiveStrikes);
        Assert.Null(await fixture.App.AsUserAsync("mod@acme.test", s => s.AskAsync<GetUserContextQuery, UserContext?>(new GetUserContextQuery("post", "never-sent"))));
    }

    [Fact]
    public async Task Notes_about_a_user_are_shared_within_the_organization_newest_first_and_announced()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ben@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.CreateAsync(fixture.App, "Other", DefaultRoles.Moderator);
        var heard = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = fixture.App.Services.GetRequiredService<ILiveEvents>().Subscribe(LiveTopics.Item(fixture.OrganizationId, "user", "u1"), e =>
        {
            heard.TrySetResult(e);
            return Task.CompletedTask;
        });

        await fixture.App.AsUserAsync("ana@acme.test", s => s.SendAsync<AddUserNoteCommand, UserNoteView>(new AddUserNoteCommand("user", "u1", "Known ban evader, see ticket 42")));
        await fixture.App.AsUserAsync("ben@acme.test", s => s.SendAsync<AddUserNoteCommand, UserNoteView>(new AddUserNoteCommand("user", "u1", "<b>again</b>")));

        Assert.Equal(LiveEventKinds.ItemChanged, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Kind);
        var notes = await fixture.App.AsUserAsync("ana@acme.test", s => s.AskAsync<ListUserNotesQuery, IReadOnlyList<UserNoteView>>(new ListUserNotesQuery("user", "u1")));
        Assert.Equal([("ben@acme.test", "<b>again</b>"), ("ana@acme.test", "Known ban evader, see ticket 42")], notes.Select(n => (n.AuthorName, n.Text)));
        Assert.Empty(await fixture.App.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.Moderator),
            s => s.AskAsync<ListUserNotesQuery, IReadOnlyList<UserNoteView>>(new ListUserNotesQuery("user", "u1"))));
        await Assert.ThrowsAsync<Coop.Web.Application.ValidationFailedException>(() =>
            fixture.App.AsUserAsync("ana@acme.test", s => s.SendAsync<AddUserNoteCommand, UserNoteView>(new AddUserNoteCommand("user", "u1", "  "))));
    }
}
