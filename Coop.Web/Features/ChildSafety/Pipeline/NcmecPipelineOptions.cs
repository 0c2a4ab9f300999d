using Coop.Domain.ChildSafety;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>
/// <c>ChildSafety:Pipeline</c>: where the two CyberTiplines are (configuration only, never an org setting, so nobody can
/// point production credentials elsewhere), how often the submission job runs, and how it retries.
/// </summary>
public sealed class NcmecPipelineOptions
{
    public const string SectionName = "ChildSafety:Pipeline";

    public Uri TestBaseUrl { get; set; } = CyberTipCredentials.TestUri;

    public Uri ProductionBaseUrl { get; set; } = CyberTipCredentials.ProductionUri;

    /// <summary>How often the job looks for due submissions (default 1 minute).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due submissions one run claims at most.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>How long a claim keeps other nodes away from a submission.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Transient failures in a row before a submission is abandoned (retracted, Failed).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each further one doubles, up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Timeout of one preservation webhook call.</summary>
    public TimeSpan PreservationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public Uri BaseUrlFor(NcmecEnvironment environment) =>
        environment == NcmecEnvironment.Production ? ProductionBaseUrl : TestBaseUrl;

    /// <summary>Exponential backoff after <paramref name="attempts"/> failures: base × 2^(attempts−1), capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = BackoffBase.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, BackoffCap.TotalMilliseconds));
    }
}
