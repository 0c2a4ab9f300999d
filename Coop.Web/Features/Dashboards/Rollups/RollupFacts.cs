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
        yield return new(fact.OrganizationId, DashboardSeries.QueueArrivals, DashboardTime.HourOf(fact.CreatedAt), fact.QueueId, string.Empty, 1);
    }

    public static IEnumerable<CounterDelta> For(FirstClaimFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var bucket = DurationHistogram.BucketOf(fact.ClaimedAt - fact.JobCreatedAt);
        yield return new(fact.OrganizationId, DashboardSeries.QueueClaimWait, DashboardTime.HourOf(fact.ClaimedAt), fact.QueueId, DurationHistogram.Key(bucket), 1);
    }

    public static IEnumerable<CounterDelta> For(SkipFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var hour = DashboardTime.HourOf(fact.At);
        yield return new(fact.OrganizationId, DashboardSeries.QueueSkips, hour, fact.QueueId, string.Empty, 1);
        yield return new(fact.OrganizationId, DashboardSeries.ReviewerSkips, hour, fact.UserId, string.Empty, 1);
    }

    public static IEnumerable<CounterDelta> For(DecisionFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var org = fact.OrganizationId;
        var hour = DashboardTime.HourOf(fact.DecidedAt);
        var kind = fact.Kind.ToString();
        var waited = DurationHistogram.Key(DurationHistogram.BucketOf(fact.DecidedAt - fact.JobCreatedAt));
        yield return new(org, DashboardSeries.QueueDecisions, hour, fact.QueueId, kind, 1);
        yield return new(org, DashboardSeries.QueueDecideWait, hour, fact.QueueId, waited, 1);
        if (fact.Kind == DecisionKind.Action)
        {
            yield return new(org, DashboardSeries.TimeToAction, hour, string.Empty, waited, 1);
        }

        if (fact.Kind is DecisionKind.AcceptAppeal or DecisionKind.RejectAppeal)
        {
            yield return new(org, DashboardSeries.AppealsDecided, hour, string.Empty,
                fact.Kind == DecisionKind.AcceptAppeal ? DashboardSeries.Overturned : DashboardSeries.Upheld, 1);
        }

        if (fact.ReviewerUserId is { Length: > 0 } reviewer)
        {
            yield return new(org, DashboardSeries.ReviewerDecisions, hour, reviewer, kind, 1);
            if (fact.ClaimedAt is { } claimed && claimed <= fact.DecidedAt)
            {
                yield return new(org, DashboardSeries.ReviewerHandle, hour, reviewer, DurationHistogram.Key(DurationHistogram.BucketOf(fact.DecidedAt - claimed)), 1);
            }
        }
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
        yield return new(fact.OrganizationId, DashboardSeries.Reports, DashboardTime.HourOf(fact.ReceivedAt), Trim(fact.PolicyId ?? string.Empty), string.Empty, 1);
    }

    public static IEnumerable<CounterDelta> For(AppealFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        yield return new(fact.OrganizationId, DashboardSeries.Appeals, DashboardTime.HourOf(fact.ReceivedAt), string.Empty, string.Empty, 1);
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
