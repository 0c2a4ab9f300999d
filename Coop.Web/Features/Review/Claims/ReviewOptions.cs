using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Features.Review.Claims;

/// <summary>The <c>Review</c> configuration section.</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>How long a claim lasts without renewal; the open job page renews it while the reviewer works.</summary>
    [Range(1, 240)]
    public int ClaimLeaseMinutes { get; set; } = 10;

    /// <summary>How long a job a reviewer skipped stays out of their "next".</summary>
    [Range(0, 1440)]
    public int SkipCooldownMinutes { get; set; } = 10;

    /// <summary>How often expired claims are swept back into their queues (they are void at expiry regardless).</summary>
    [Range(1, 3600)]
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>A lease in seconds, overriding <see cref="ClaimLeaseMinutes"/> when set (short leases for tests and drills).</summary>
    [Range(5, 14400)]
    public int? ClaimLeaseSeconds { get; set; }

    public TimeSpan ClaimLease => ClaimLeaseSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(ClaimLeaseMinutes);

    /// <summary>How often an open job page renews its claim: every minute, or three times per lease when the lease is shorter.</summary>
    public TimeSpan RenewInterval => ClaimLease / 3 < TimeSpan.FromMinutes(1) ? ClaimLease / 3 : TimeSpan.FromMinutes(1);
}
