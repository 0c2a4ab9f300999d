using Coop.Domain.Policies;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// How priority-ordered queues rank jobs: the heaviest policy penalty counts most, then how many reports the job
/// has; child-safety reports go first. Equal scores go oldest first. The explanation is shown on the job.
/// </summary>
public static class JobPriority
{
    public static double Score(Penalty? penalty, int reportCount, bool csam) =>
        (csam ? 100 : 0) + (penalty is { } p ? (int)p * 10 : 0) + Math.Min(reportCount, 20) * 2;

    public static string Explain(Penalty? penalty, int reportCount, bool csam, double score)
    {
        var parts = new List<string>();
        if (csam)
        {
            parts.Add("reported as CSAM (+100)");
        }

        if (penalty is { } p && p != Penalty.None)
        {
            parts.Add($"policy penalty {p.ToWireName()} (+{(int)p * 10})");
        }

        parts.Add($"{reportCount} report{(reportCount == 1 ? string.Empty : "s")} (+{Math.Min(reportCount, 20) * 2})");
        return $"Priority {score:0}: {string.Join(", ", parts)}; equal scores go oldest first.";
    }
}
