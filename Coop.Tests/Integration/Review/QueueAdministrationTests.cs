using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Review;

[Trait("Category", "Integration")]
public sealed class QueueAdministrationTests
{
    [Fact]
    public async Task A_manager_creates_a_restricted_queue_only_its_reviewers_can_work_and_defaults_and_busy_queues_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.ModeratorManager, DefaultRoles.Moderator, DefaultRoles.ChildSafetyModerator);
        var manager = OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager);
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        var (moderatorId, childSafetyId, childSafetyRole) = await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<CoopUser>>();
            var mod = await users.FindByEmailAsync(moderator);
            var cs = await users.FindByEmailAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.ChildSafetyModerator));
            var db = s.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContext();
            var role = await db.Roles.SingleAsync(r => r.OrganizationId == org && r.Key == DefaultRoles.ChildSafetyModerator);
            return (mod!.Id, cs!.Id, role.Id);
        });

        var editor = await app.AsUserAsync(manager, s => s.AskAsync<GetQueueEditorQuery, QueueEditor>(new GetQueueEditorQuery(null)));
        Assert.Contains(editor.Roles, r => r.Id == childSafetyRole);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(manager, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, DefaultQueues.ReportsName, null, QueueKind.Standard, QueueOrdering.Age, false, ["nobody"], [], []))));
        Assert.Equal(["Name", "ReviewerUserIds"], refused.Errors.Keys.Order(StringComparer.Ordinal));

        var escalations = await app.AsUserAsync(manager, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Escalations", "Hard cases", QueueKind.Standard, QueueOrdering.Priority, true, [], [childSafetyRole], [])));

        var access = app.Services.GetRequiredService<IQueueAccess>();
        Assert.True(await access.CanWorkAsync(org, childSafetyId, escalations.Id, TestContext.Current.CancellationToken));
        Assert.False(await access.CanWorkAsync(org, moderatorId, escalations.Id, TestContext.Current.CancellationToken));
        var seenByModerator = await app.AsUserAsync(moderator, s => s.AskAsync<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>(new ListReviewQueuesQuery()));
        Assert.DoesNotContain(seenByModerator, q => q.Id == escalations.Id);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(moderator, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Mine", null, QueueKind.Standard, QueueOrdering.Age, false, [], [], []))));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var defaults = await db.ReviewQueues.Where(q => q.OrganizationId == org && q.Kind == QueueKind.Standard && q.IsDefault).Select(q => q.Name).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Escalations"], defaults);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(manager, s => s.SendAsync<DeleteQueueCommand, bool>(new DeleteQueueCommand(escalations.Id))));
        var reports = await db.ReviewQueues.SingleAsync(q => q.OrganizationId == org && q.Name == DefaultQueues.ReportsName, TestContext.Current.CancellationToken);
        db.ReviewJobs.Add(ReviewJob.Open(org, reports.Id, "post", "p1", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var busy = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync(manager, s => s.SendAsync<DeleteQueueCommand, bool>(new DeleteQueueCommand(reports.Id))));
        Assert.Contains("1 open job", busy.Message, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "queue.created" && a.TargetId == escalations.Id, TestContext.Current.CancellationToken));
    }
}
