using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coop.Tests.Integration.Operations;

/// <summary>Stopping a node gives its circuits' claims back at once and refuses new ones; the timeout is configurable.</summary>
[Trait("Category", "Integration")]
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_returns_a_claimed_job_to_its_queue_at_once_and_refuses_new_claims()
    {
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Shutdown:TimeoutSeconds"] = "12" });
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(org, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.ReviewQueues.Add(queue);
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", "p1", JobSource.Report, now.AddMinutes(-1)));
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", "p2", JobSource.Report, now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var claims = app.Services.GetRequiredService<JobClaims>();
        var held = await claims.ClaimNextAsync(org, queue.Id, "ana", TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        // The reviewer's circuit tracks the claim, as the work page does.
        await using var circuit = app.Services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<ClaimTracker>().Track(org, held.JobId, "ana");
        Assert.Equal(TimeSpan.FromSeconds(12), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        await app.Services.GetRequiredService<IHost>().StopAsync(TestContext.Current.CancellationToken);

        // Once stopped, the app's Program disposes its host (and the services in it) whenever its thread gets to it: read the
        // database through a context of our own.
        var options = new DbContextOptionsBuilder<SqliteCoopDbContext>();
        DatabaseSetup.UseSqlite(options, app.Settings["Database:ConnectionString"]!);
        await using var check = new SqliteCoopDbContext(options.Options);
        var job = await check.ReviewJobs.AsNoTracking().SingleAsync(j => j.Id == held.JobId, TestContext.Current.CancellationToken);
        Assert.Equal(JobStatus.Open, job.Status);
        Assert.Null(job.ClaimedByUserId);
        Assert.Null(job.ClaimExpiresAt);
        Assert.Contains(JobEventKind.Released,
            await check.JobEvents.Where(e => e.JobId == held.JobId).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => claims.ClaimNextAsync(org, queue.Id, "ben", TestContext.Current.CancellationToken));
        Assert.Contains("shutting down", refused.Message + string.Join(' ', refused.Errors.SelectMany(e => e.Value)), StringComparison.Ordinal);
    }
}
