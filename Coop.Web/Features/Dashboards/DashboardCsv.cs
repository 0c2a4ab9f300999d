using System.Globalization;
using System.Text;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.Dashboards;

/// <summary>A table as the dashboards show it: a name, headers and rows of cells.</summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string>> Rows);

/// <summary>
/// CSV of every table on the dashboards (<c>GET /dashboards/export/{table}.csv</c>): written row by row to the response.
/// Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe (names come from users).
/// </summary>
public static class DashboardCsv
{
    public static readonly IReadOnlyList<string> OverviewTables = ["queues", "reviewers", "actions-by-policy"];

    public static readonly IReadOnlyList<string> ChartTables =
        ["actions-by-policy-over-time", "actions-by-action-over-time", "decisions-by-kind-over-time", "queue-depth", "handle-time", "rule-matches", "appeals-and-strikes"];

    public static IEnumerable<CsvTable> Overview(DashboardOverview view, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(view);
        yield return new CsvTable("queues",
            ["queue", "kind", "pending", "oldest_age_minutes", "sla_minutes", "sla_breached", "arrivals_last_hour", "decisions_last_hour", "skips_last_hour",
             "claim_wait_p50_seconds", "claim_wait_p90_seconds", "decide_wait_p50_seconds", "decide_wait_p90_seconds", "active_reviewers"],
            view.Queues.Select(q => (IReadOnlyList<string>)[q.Name, q.Kind.ToString(), N(q.Pending), N(q.OldestAge(nowUtc)?.TotalMinutes), Opt(q.SlaMinutes),
                q.Breached(nowUtc) ? "yes" : "no", N(q.ArrivalsLastHour), N(q.DecisionsLastHour), N(q.SkipsLastHour),
                N(q.ClaimWaitP50?.TotalSeconds), N(q.ClaimWaitP90?.TotalSeconds), N(q.DecideWaitP50?.TotalSeconds), N(q.DecideWaitP90?.TotalSeconds), N(q.ActiveReviewers)]));
        yield return new CsvTable("reviewers", ["reviewer", "decisions_last_hour", "median_handle_seconds", "skips_last_hour", "current_job", "current_queue"],
            view.Reviewers.Select(r => (IReadOnlyList<string>)[r.Name, N(r.DecisionsLastHour), N(r.HandleP50?.TotalSeconds), N(r.SkipsLastHour), r.CurrentJobId ?? string.Empty, r.CurrentQueue ?? string.Empty]));
        yield return new CsvTable("actions-by-policy", ["policy", "actions_last_24h"],
            view.Org.ActionsByPolicy.Select(a => (IReadOnlyList<string>)[a.Name, N(a.Count)]));
    }

    public static IEnumerable<CsvTable> Charts(DashboardCharts charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        yield return Series("actions-by-policy-over-time", charts.Labels, charts.ActionsByPolicy);
        yield return Series("actions-by-action-over-time", charts.Labels, charts.ActionsByAction);
        yield return Series("decisions-by-kind-over-time", charts.Labels, charts.DecisionsByKind);
        yield return Series("queue-depth", charts.Labels, charts.QueueDepth);
        yield return new CsvTable("handle-time", ["bucket", "decisions"],
            charts.HandleTimeLabels.Select((l, i) => (IReadOnlyList<string>)[l, N(charts.HandleTimeCounts[i])]));
        yield return Series("rule-matches", charts.Labels, charts.RuleMatches);
        yield return new CsvTable("appeals-and-strikes", ["period", "appeal_overturn_rate_percent", "strike_thresholds_fired"],
            charts.Labels.Select((l, i) => (IReadOnlyList<string>)[l, N(charts.OverturnRate[i]), N(charts.StrikeThresholds[i])]));
    }

    public static CsvTable Transparency(TransparencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "period", "from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new[] { "period", "to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new[] { "period", "time_zone", report.TimeZone },
            new[] { "notices", "total", N(report.Notices) },
        };
        rows.AddRange(report.NoticesByPolicy.Select(n => (IReadOnlyList<string>)["notices_by_policy", n.Name, N(n.Count)]));
        rows.Add(["actions", "automated", N(report.AutomatedActions)]);
        rows.Add(["actions", "manual", N(report.ManualActions)]);
        foreach (var a in report.ActionsByType)
        {
            rows.Add(["actions_by_type_automated", a.Action, N(a.Automated)]);
            rows.Add(["actions_by_type_manual", a.Action, N(a.Manual)]);
        }

        rows.AddRange(report.ActionsByPolicy.Select(n => (IReadOnlyList<string>)["actions_by_policy", n.Name, N(n.Count)]));
        rows.Add(["time_to_action", "median_seconds", N(report.MedianTimeToAction?.TotalSeconds)]);
        rows.Add(["appeals", "received", N(report.AppealsReceived)]);
        rows.Add(["appeals", "decided", N(report.AppealsDecided)]);
        rows.Add(["appeals", "overturned", N(report.AppealsOverturned)]);
        rows.Add(["appeals", "upheld", N(report.AppealsUpheld)]);
        return new CsvTable("transparency", ["section", "name", "value"], rows);
    }

    private static CsvTable Series(string name, IReadOnlyList<string> labels, IReadOnlyList<ChartLine> series) =>
        new(name, ["period", .. series.Select(s => s.Name)],
            labels.Select((l, i) => (IReadOnlyList<string>)[l, .. series.Select(s => N(s.Values[i]))]));

    /// <summary>Writes a table as CSV (RFC 4180), flushing as it goes.</summary>
    public static async Task WriteAsync(CsvTable table, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(Line(table.Headers).AsMemory(), cancellationToken);
        var n = 0;
        foreach (var row in table.Rows)
        {
            await writer.WriteLineAsync(Line(row).AsMemory(), cancellationToken);
            if (++n % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(Cell));

    public static string Cell(string value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string N(double? value) => value is { } v ? Math.Round(v, 1).ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Opt(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

internal static class DashboardEndpoints
{
    /// <summary><c>GET /dashboards/export/{table}.csv</c> (VIEW_MRT_DATA; the use cases check it again).</summary>
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboards/export/{table}.csv", async (
                string table, string? window, string? tz, string? from, string? to, HttpContext http, TimeProvider time,
                IQueryHandler<GetDashboardOverviewQuery, DashboardOverview> overview,
                IQueryHandler<GetDashboardChartsQuery, DashboardCharts> charts,
                IQueryHandler<GetTransparencyReportQuery, TransparencyReport> transparency, CancellationToken cancellationToken) =>
            {
                CsvTable? csv;
                if (DashboardCsv.OverviewTables.Contains(table))
                {
                    var view = await overview.HandleAsync(new GetDashboardOverviewQuery(), cancellationToken);
                    csv = DashboardCsv.Overview(view, view.AsOf).Single(t => t.Name == table);
                }
                else if (DashboardCsv.ChartTables.Contains(table))
                {
                    var w = Enum.TryParse<ChartWindow>(window, true, out var parsed) ? parsed : ChartWindow.Week;
                    csv = DashboardCsv.Charts(await charts.HandleAsync(new GetDashboardChartsQuery(w, tz), cancellationToken)).Single(t => t.Name == table);
                }
                else if (table == "transparency")
                {
                    var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                    var f = DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var pf) ? pf : today.AddDays(-29);
                    var t = DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var pt) ? pt : today;
                    csv = DashboardCsv.Transparency(await transparency.HandleAsync(new GetTransparencyReportQuery(f, t, tz), cancellationToken));
                }
                else
                {
                    return Results.NotFound();
                }

                return Results.Stream(stream => DashboardCsv.WriteAsync(csv, stream, cancellationToken), "text/csv; charset=utf-8", $"coop-{table}.csv");
            })
            .RequireAuthorization(Permissions.ViewMrtData);
        return endpoints;
    }
}
