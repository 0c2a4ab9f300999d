using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Review.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Review;

/// <summary>
/// The work page's renewal against the real claims on SQLite: a circuit whose browser is gone lets its lease run out (the
/// sweeper then returns the job), and one whose browser comes back within the lease keeps the job.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClaimRenewalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_disconnected_circuit_stops_renewing_so_its_job_is_swept_back_and_one_that_returns_in_time_keeps_its_job()
    {
        await using var app = new CoopAppFactory();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var now = clock.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(org, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            db.ReviewQueues.Add(queue);
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", "p1", JobSource.Report, now.AddMinutes(-2)));
            db.ReviewJobs.Add(ReviewJob.Open(org, queue.Id, "post", "p2", JobSource.Report, now.AddMinutes(-1)));
            await db.SaveChangesAsync(Ct);
        }

        var claims = ActivatorUtilities.CreateInstance<JobClaims>(app.Services, (TimeProvider)clock);
        var options = app.Services.GetRequiredService<IOptions<ReviewOptions>>().Value;
        var gone = await claims.ClaimNextAsync(org, queue.Id, "ana", Ct);
        var back = await claims.ClaimNextAsync(org, queue.Id, "ben", Ct);
        Assert.NotNull(gone);
        Assert.NotNull(back);

        // Two circuits, each with its page's renewal.
        var anaConnection = new CircuitConnection();
        var benConnection = new CircuitConnection();
        var anaLease = gone.ExpiresAt;
        var benLease = back.ExpiresAt;
        await using var anaRenewal = new ClaimRenewal(clock, anaConnection, options.RenewInterval, async () =>
            anaLease = (await claims.RenewAsync(org, gone.JobId, "ana", Ct))?.ExpiresAt ?? DateTime.MinValue);
        await using var benRenewal = new ClaimRenewal(clock, benConnection, options.RenewInterval, async () =>
            benLease = (await claims.RenewAsync(org, back.JobId, "ben", Ct))?.ExpiresAt ?? DateTime.MinValue);
        var anaHandler = new CircuitConnectionHandler(anaConnection);
        var benHandler = new CircuitConnectionHandler(benConnection);

        // Both connected: both leases move on with the clock.
        await AdvanceAsync(clock, options.RenewInterval, anaRenewal, benRenewal);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + options.ClaimLease, anaLease);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + options.ClaimLease, benLease);

        // Both browsers go away; Ben's comes back just before his lease ends, Ana's does not.
        await anaHandler.OnConnectionDownAsync(null!, Ct);
        await benHandler.OnConnectionDownAsync(null!, Ct);
        var leaseAtDisconnect = anaLease;
        while (clock.GetUtcNow().UtcDateTime + options.RenewInterval < benLease)
        {
            await AdvanceAsync(clock, options.RenewInterval, anaRenewal, benRenewal);
        }

        Assert.Equal(leaseAtDisconnect, anaLease);
        Assert.Equal(leaseAtDisconnect, benLease);
        await benHandler.OnConnectionUpAsync(null!, Ct);
        await benRenewal.Running;
        Assert.Equal(clock.GetUtcNow().UtcDateTime + options.ClaimLease, benLease);

        await AdvanceAsync(clock, options.RenewInterval, anaRenewal, benRenewal);
        Assert.Equal(1, await claims.SweepExpiredAsync(Ct));
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var jobs = await db.ReviewJobs.AsNoTracking().ToDictionaryAsync(j => j.Id, j => j.ClaimedByUserId, Ct);
            Assert.Null(jobs[gone.JobId]);
            Assert.Equal("ben", jobs[back.JobId]);
            Assert.Equal(JobEventKind.Expired, await db.JobEvents.Where(e => e.JobId == gone.JobId).OrderBy(e => e.Id).Select(e => e.Kind).LastAsync(Ct));
        }

        // Ana's browser returns after all: the renewal finds the claim gone (the page then says so and moves on).
        await anaHandler.OnConnectionUpAsync(null!, Ct);
        await anaRenewal.Running;
        Assert.Equal(DateTime.MinValue, anaLease);
    }

    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by, params ClaimRenewal[] renewals)
    {
        clock.Advance(by);
        foreach (var renewal in renewals)
        {
            await renewal.Running;
        }
    }
}
