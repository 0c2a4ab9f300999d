using System.ComponentModel.DataAnnotations;

namespace Coop.Web.Hosting;

/// <summary>
/// The <c>RateLimiting</c> section: per-node limits on the platform API (per API key) and on sign-in and other
/// account form posts (per client address). A limit of 0 turns that limiter off. The API default (10,000 a second)
/// is far above what one platform sends in normal use (the ingestion benchmark sends a few thousand single-item
/// requests a second with one key); lower it to what your platform needs.
/// </summary>
public sealed class RateLimitingSettings
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests one API key may make in <see cref="ApiWindow"/> on one node (token bucket, refilled evenly); 0 = no limit.</summary>
    [Range(0, int.MaxValue)]
    public int ApiPermitLimit { get; set; } = 100_000;

    /// <summary>The window of <see cref="ApiPermitLimit"/>.</summary>
    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sign-in, two-factor, password reset and invitation form posts one client address may make in <see cref="SignInWindow"/>; 0 = no limit.</summary>
    [Range(0, int.MaxValue)]
    public int SignInPermitLimit { get; set; } = 60;

    /// <summary>The window of <see cref="SignInPermitLimit"/>.</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);
}
