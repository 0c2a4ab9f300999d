using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;

namespace Coop.Web.Features.Dashboards.Rollups;

/// <summary>A job that opened (arrived in a queue).</summary>
public sealed record ArrivalFact(string OrganizationId, string QueueId, DateTime CreatedAt);

/// <summary>The first claim of a job.</summary>
public sealed record FirstClaimFact(string OrganizationId, string QueueId, DateTime JobCreatedAt, DateTime ClaimedAt);

/// <summary>A skip of a job by a reviewer.</summary>
public sealed record SkipFact(string OrganizationId, string QueueId, string UserId, DateTime At);

/// <summary>A decision, with the time the deciding reviewer last claimed the job (for handle time) when known.</summary>
public sealed record DecisionFact(
    string OrganizationId, string QueueId, DecisionKind Kind, string? ReviewerUserId, DateTime JobCreatedAt, DateTime DecidedAt, DateTime? ClaimedAt);

/// <summary>One action execution.</summary>
public sealed record ExecutionFact(
    string OrganizationId, string ActionId, ActionExecutionSource Source, string PoliciesJson, string CorrelationId, DateTime ExecutedAt);

/// <summary>A report received.</summary>
public sealed record ReportFact(string OrganizationId, string? PolicyId, DateTime ReceivedAt);

/// <summary>An appeal received.</summary>
public sealed record AppealFact(string OrganizationId, DateTime ReceivedAt);

/// <summary>
/// What each source event adds to the roll-ups. The incremental path (<see cref="RollupWriter"/>) and the recomputing job
/// (<see cref="DashboardRollupJob"/>) both go through these functions, so they count the same things the same way.
/// </summary>
public static class RollupFacts
{
    public static IEnumerable<CounterDelta> For(ArrivalFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Arrivals(fact.OrganizationId, fact.QueueId, DashboardTime.HourOf(fact.CreatedAt), 1);
    }

    public static IEnumerable<CounterDelta> For(FirstClaimFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return FirstClaims(fact.OrganizationId, fact.QueueId, DashboardTime.HourOf(fact.ClaimedAt), DurationHistogram.BucketOf(fact.ClaimedAt - fact.JobCreatedAt), 1);
    }

    public static IEnumerable<CounterDelta> For(SkipFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Skips(fact.OrganizationId, fact.QueueId, fact.UserId, DashboardTime.HourOf(fact.At), 1);
    }

    public static IEnumerable<CounterDelta> For(DecisionFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        int? handled = fact.ClaimedAt is { } claimed && claimed <= fact.DecidedAt ? DurationHistogram.BucketOf(fact.DecidedAt - claimed) : null;
        return Decisions(fact.OrganizationId, fact.QueueId, fact.Kind, fact.ReviewerUserId, DashboardTime.HourOf(fact.DecidedAt),
            DurationHistogram.BucketOf(fact.DecidedAt - fact.JobCreatedAt), handled, 1);
    }

    // What a number of like facts add, given their hour and duration buckets: the facts above go through these one at a time,
    // and the roll-up job's grouped read (RollupSourceGroups) a group at a time.

    /// <summary><paramref name="count"/> jobs that opened in a queue in an hour.</summary>
    public static IEnumerable<CounterDelta> Arrivals(string organizationId, string queueId, DateTime hour, long count)
    {
        yield return new(organizationId, DashboardSeries.QueueArrivals, hour, queueId, string.Empty, count);
    }

    /// <summary><paramref name="count"/> first claims in an hour that waited <paramref name="waitBucket"/> since the job opened.</summary>
    public static IEnumerable<CounterDelta> FirstClaims(string organizationId, string queueId, DateTime hour, int waitBucket, long count)
    {
        yield return new(organizationId, DashboardSeries.QueueClaimWait, hour, queueId, DurationHistogram.Key(waitBucket), count);
    }

    /// <summary><paramref name="count"/> skips by a reviewer in a queue in an hour.</summary>
    public static IEnumerable<CounterDelta> Skips(string organizationId, string queueId, string userId, DateTime hour, long count)
    {
        yield return new(organizationId, DashboardSeries.QueueSkips, hour, queueId, string.Empty, count);
        yield return new(organizationId, DashboardSeries.ReviewerSkips, hour, userId, string.Empty, count);
    }

    /// <summary>
    /// <paramref name="count"/> decisions of a kind by a reviewer (or none) in a queue in an hour, whose jobs had waited
    /// <paramref name="waitBucket"/> since they opened and which the reviewer handled for <paramref name="handleBucket"/> since
    /// their last claim (null: no claim by them before the decision).
    /// </summary>
    public static IEnumerable<CounterDelta> Decisions(
        string organizationId, string queueId, DecisionKind kind, string? reviewerUserId, DateTime hour, int waitBucket, int? handleBucket, long count)
    {
        var org = organizationId;
        var kindKey = kind.ToString();
        var waited = DurationHistogram.Key(waitBucket);
        yield return new(org, DashboardSeries.QueueDecisions, hour, queueId, kindKey, count);
        yield return new(org, DashboardSeries.QueueDecideWait, hour, queueId, waited, count);
        if (kind == DecisionKind.Action)
        {
            yield return new(org, DashboardSeries.TimeToAction, hour, string.Empty, waited, count);
        }

        if (kind is DecisionKind.AcceptAppeal or DecisionKind.RejectAppeal)
        {
            yield return new(org, DashboardSeries.AppealsDecided, hour, string.Empty,
                kind == DecisionKind.AcceptAppeal ? DashboardSeries.Overturned : DashboardSeries.Upheld, count);
        }

        if (reviewerUserId is { Length: > 0 } reviewer)
        {
            yield return new(org, DashboardSeries.ReviewerDecisions, hour, reviewer, kindKey, count);
            if (handleBucket is { } handled)
            {
                yield return new(org, DashboardSeries.ReviewerHandle, hour, reviewer, DurationHistogram.Key(handled), count);
            }
        }
    }

    /// <summary><paramref name="count"/> reports under a policy (or none) received in an hour.</summary>
    public static IEnumerable<CounterDelta> Reports(string organizationId, string? policyId, DateTime hour, long count)
    {
        yield return new(organizationId, DashboardSeries.Reports, hour, Trim(policyId ?? string.Empty), string.Empty, count);
    }

    /// <summary><paramref name="count"/> appeals received in an hour.</summary>
    public static IEnumerable<CounterDelta> Appeals(string organizationId, DateTime hour, long count)
    {
        yield return new(organizationId, DashboardSeries.Appeals, hour, string.Empty, string.Empty, count);
    }

    /// <summary>Executions count per policy named (or once under "" with none); a strike threshold counts once per firing (correlation).</summary>
    public static IEnumerable<CounterDelta> For(IEnumerable<ExecutionFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = facts.ToList();
        foreach (var fact in list)
        {
            var hour = DashboardTime.HourOf(fact.ExecutedAt);
            var series = IsAutomated(fact.Source) ? DashboardSeries.ActionsAutomated : DashboardSeries.ActionsManual;
            var policies = PolicyIds(fact.PoliciesJson);
            foreach (var policy in policies.Count == 0 ? [string.Empty] : policies)
            {
                yield return new(fact.OrganizationId, series, hour, Trim(policy), Trim(fact.ActionId), 1);
            }
        }

        foreach (var firing in list.Where(f => f.Source == ActionExecutionSource.StrikeThreshold)
            .GroupBy(f => (f.OrganizationId, f.CorrelationId)))
        {
            var first = firing.Min(f => f.ExecutedAt);
            yield return new(firing.Key.OrganizationId, DashboardSeries.StrikeThresholds, DashboardTime.HourOf(first), string.Empty, string.Empty, 1);
        }
    }

    public static IEnumerable<CounterDelta> For(ReportFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Reports(fact.OrganizationId, fact.PolicyId, DashboardTime.HourOf(fact.ReceivedAt), 1);
    }

    public static IEnumerable<CounterDelta> For(AppealFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Appeals(fact.OrganizationId, DashboardTime.HourOf(fact.ReceivedAt), 1);
    }

    /// <summary>Automation acted (rules, post-actions, strike thresholds) rather than a person.</summary>
    public static bool IsAutomated(ActionExecutionSource source) =>
        source is ActionExecutionSource.Rule or ActionExecutionSource.PostActions or ActionExecutionSource.StrikeThreshold;

    /// <summary>Adds up deltas with the same cell.</summary>
    public static IReadOnlyList<CounterDelta> Combine(IEnumerable<CounterDelta> deltas) =>
        [.. deltas.GroupBy(d => d.Key).Select(g => g.First() with { Value = g.Sum(d => d.Value) }).Where(d => d.Value != 0)];

    private static List<string> PolicyIds(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var ids = new List<string>();
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in doc.RootElement.EnumerateArray())
                {
                    // Execution policies are stored as ids or as {"id": ..., "name": ...} objects.
                    var id = element.ValueKind switch
                    {
                        JsonValueKind.String => element.GetString(),
                        JsonValueKind.Object when element.TryGetProperty("id", out var p) || element.TryGetProperty("Id", out p) => p.GetString(),
                        _ => null,
                    };
                    if (!string.IsNullOrEmpty(id) && !ids.Contains(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Trim(string value) => value.Length > DashboardCounter.KeyMaxLength ? value[..DashboardCounter.KeyMaxLength] : value;
}
