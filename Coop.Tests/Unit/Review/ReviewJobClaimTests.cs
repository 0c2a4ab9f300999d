using Coop.Domain.Moderation;

namespace Coop.Tests.Unit.Review;

[Trait("Category", "Unit")]
public sealed class ReviewJobClaimTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static ReviewJob Job() => ReviewJob.Open("org", "q1", "post", "p1", JobSource.Report, Now);

    [Fact]
    public void A_claim_is_held_until_its_lease_ends_and_then_anyone_may_claim()
    {
        var job = Job();
        job.Claim("ana", Now, Lease);

        Assert.True(job.IsClaimedBy("ana", Now.AddMinutes(9)));
        Assert.False(job.IsClaimable(Now.AddMinutes(9)));
        Assert.Throws<InvalidOperationException>(() => job.Claim("ben", Now.AddMinutes(9), Lease));
        Assert.False(job.IsClaimedBy("ana", Now.AddMinutes(10)));
        Assert.True(job.IsClaimable(Now.AddMinutes(10)));

        job.Claim("ben", Now.AddMinutes(10), Lease);
        Assert.True(job.IsClaimedBy("ben", Now.AddMinutes(15)));
    }

    [Fact]
    public void Only_the_holder_releases_and_a_closed_job_is_never_claimable()
    {
        var job = Job();
        job.Claim("ana", Now, Lease);
        Assert.Throws<InvalidOperationException>(() => job.Release("ben"));
        job.Release("ana");
        Assert.True(job.IsClaimable(Now));

        job.Claim("ana", Now, Lease);
        job.Close("ana", Now.AddMinutes(1));
        Assert.Null(job.OpenItemKey);
        Assert.False(job.IsClaimable(Now.AddHours(1)));
        Assert.Throws<InvalidOperationException>(() => job.Claim("ben", Now.AddHours(1), Lease));
    }
}
