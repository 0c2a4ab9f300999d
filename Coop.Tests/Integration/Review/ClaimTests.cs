using System.Collections.Concurrent;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Review;

/// <summary>Atomic claims on the real databases: no job is ever held twice, none is lost, leases expire, skips and hand-offs work.</summary>
[Trait("Category", "Integration")]
public sealed class ClaimTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<(string Org, ReviewQueue Queue)> SeedAsync(CoopAppFactory app, int jobs, QueueOrdering ordering = QueueOrdering.Age)
    {
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator, DefaultRoles.Analyst);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(org, "Default", null, QueueKind.Standard, ordering, true, now);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        db.ReviewQueues.Add(queue);
        for (var i = 0; i < jobs; i++)
        {
            var job = ReviewJob.Open(org, queue.Id, "post", $"p{i:D4}", JobSource.Report, now.AddSeconds(-jobs + i));
            job.SetPriority(i % 7);
            db.ReviewJobs.Add(job);
        }

        await db.SaveChangesAsync();
        return (org, queue);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Twenty_claimers_on_two_server_processes_drain_500_jobs_with_no_double_claim_none_lost_and_none_sent_away_early(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new CoopAppFactory(database.Settings());
        await using var second = new CoopAppFactory(database.Settings());
        var (org, queue) = await SeedAsync(first, 500);
        var nodes = new[] { first.Services.GetRequiredService<JobClaims>(), second.Services.GetRequiredService<JobClaims>() };
        var claimedBy = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var sentAwayEarly = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var claims = nodes[i % 2];
            var user = $"reviewer-{i}";
            await using var db = await (i % 2 == 0 ? first : second).Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
            while (await claims.ClaimNextAsync(org, queue.Id, user) is { } claimed)
            {
                claimedBy.GetOrAdd(claimed.JobId, _ => []).Add(user);
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                var closed = await db.ReviewJobs.Where(j => j.Id == claimed.JobId && j.ClaimedByUserId == user && j.Status == JobStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Closed).SetProperty(j => j.OpenItemKey, (string?)null)
                        .SetProperty(j => j.ClosedAt, now).SetProperty(j => j.ClosedByUserId, user));
                Assert.Equal(1, closed);
            }

            // Told the queue is empty: fewer than 480 claimed by the time the answer came means at least one job was open,
            // unclaimed and claimable all along (at most 19 other claims were in flight), so the answer was wrong.
            if (claimedBy.Count < 500 - 20)
            {
                sentAwayEarly.Add(claimedBy.Count);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Empty(sentAwayEarly);

        Assert.Equal(500, claimedBy.Count);
        Assert.All(claimedBy, c => Assert.Single(c.Value));
        await using var check = await first.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await check.ReviewJobs.CountAsync(j => j.Status == JobStatus.Open, TestContext.Current.CancellationToken));
        Assert.Equal(500, await check.JobEvents.CountAsync(e => e.Kind == JobEventKind.Claimed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_lease_expires_on_time_even_before_the_sweeper_and_the_sweeper_then_records_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var (org, queue) = await SeedAsync(app, 1);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var claims = ActivatorUtilities.CreateInstance<JobClaims>(app.Services, (TimeProvider)clock);

        var held = await claims.ClaimNextAsync(org, queue.Id, "ana", TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        Assert.Null(await claims.ClaimNextAsync(org, queue.Id, "ben", TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.NotNull(await claims.RenewAsync(org, held.JobId, "ana", TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await claims.RenewAsync(org, held.JobId, "ana", TestContext.Current.CancellationToken));
        Assert.Equal(1, await claims.SweepExpiredAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await claims.SweepExpiredAsync(TestContext.Current.CancellationToken));
        Assert.Equal(held.JobId, (await claims.ClaimNextAsync(org, queue.Id, "ben", TestContext.Current.CancellationToken))?.JobId);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal([JobEventKind.Claimed, JobEventKind.Expired, JobEventKind.Claimed],
            await db.JobEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reviewer_gets_their_held_job_back_skips_go_to_others_and_priority_queues_hand_out_the_highest_score_first()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var (org, queue) = await SeedAsync(app, 3, QueueOrdering.Priority);
        var claims = app.Services.GetRequiredService<JobClaims>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var byScore = await db.ReviewJobs.OrderByDescending(j => j.PriorityScore).Select(j => j.Id).ToListAsync(TestContext.Current.CancellationToken);

        var first = await claims.ClaimNextAsync(org, queue.Id, "ana", TestContext.Current.CancellationToken);
        Assert.Equal(byScore[0], first!.JobId);
        Assert.Equal(first.JobId, (await claims.ClaimNextAsync(org, queue.Id, "ana", TestContext.Current.CancellationToken))!.JobId);
        Assert.True(await claims.ReleaseAsync(org, first.JobId, "ana", skipped: true, TestContext.Current.CancellationToken));

        Assert.Equal(byScore[1], (await claims.ClaimNextAsync(org, queue.Id, "ana", TestContext.Current.CancellationToken))!.JobId);
        Assert.Equal(byScore[0], (await claims.ClaimNextAsync(org, queue.Id, "ben", TestContext.Current.CancellationToken))!.JobId);
        Assert.False(await claims.ReleaseAsync(org, byScore[0], "ana", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_job_is_handed_only_to_a_colleague_who_reviews_its_queue()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var (org, queue) = await SeedAsync(app, 1);
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);
        var colleague = await OrganizationBuilder.AddUserAsync(app, org, "ben@acme.example", DefaultRoles.Moderator);
        var analyst = await app.WithScopeAsync(async s =>
            (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Coop.Infrastructure.Identity.CoopUser>>()
                .FindByEmailAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Analyst)))!.Id);

        var claimed = await app.AsUserAsync(moderator, s => s.SendAsync<ClaimNextJobCommand, ClaimedJob?>(new ClaimNextJobCommand(queue.Id)));
        var jobId = claimed!.JobId;
        var candidates = await app.AsUserAsync(moderator, s => s.AskAsync<ListHandOffCandidatesQuery, IReadOnlyList<Colleague>>(new ListHandOffCandidatesQuery(jobId)));
        Assert.Equal([colleague], candidates.Select(c => c.UserId));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.AsUserAsync(moderator, s => s.SendAsync<HandOffJobCommand, bool>(new HandOffJobCommand(jobId, analyst))));
        Assert.Equal(["toUserId"], refused.Errors.Keys);

        Assert.True(await app.AsUserAsync(moderator, s => s.SendAsync<HandOffJobCommand, bool>(new HandOffJobCommand(jobId, colleague))));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(colleague, (await db.ReviewJobs.SingleAsync(TestContext.Current.CancellationToken)).ClaimedByUserId);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.AsUserAsync(moderator, s => s.SendAsync<HandOffJobCommand, bool>(new HandOffJobCommand(jobId, colleague))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Analyst), s => s.SendAsync<ClaimNextJobCommand, ClaimedJob?>(new ClaimNextJobCommand(queue.Id))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_claim_reads_open_jobs_through_the_queue_index_so_closed_history_does_not_slow_it(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var (_, queue) = await SeedAsync(app, 10);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var plan = await QueryPlan.ExplainAsync(db, provider, JobClaims.CandidatesQuery(db, queue, "ana", now, now.AddMinutes(-10)).Take(8));

        Assert.Contains("IX_ReviewJobs_QueueId_Status_CreatedAt", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ReviewJobs", plan.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
