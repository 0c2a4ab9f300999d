using System.Text;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Domain.Webhooks;
using Coop.Tests.Integration.Cluster;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes.CyberTipline;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.CrashSafety;

/// <summary>
/// Issue 12's crash safety: the real Coop process is killed with SIGKILL during sustained ingestion, a decision burst and a
/// CyberTipline batch at once (<see cref="CrashSafetyRun"/>), and restarted on the same SQLite file. Nothing acknowledged is
/// lost, nothing is applied twice (callbacks carry one idempotency key per message; the CyberTipline never gets a second
/// report), and claimed jobs return to their queue. The three tests share the one crash.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RunsAlone.Name)]
public sealed class CrashSafetyTests(BrowserFixture browser, CrashSafetyRun run) : IClassFixture<CrashSafetyRun>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_item_and_report_acknowledged_before_the_kill_is_stored_once_and_processed_after_the_restart()
    {
        await StartAsync();
        var items = run.AcknowledgedItems.ToHashSet();
        var reports = run.AcknowledgedReports.ToList();
        Assert.True(items.Count >= 200, $"{items.Count} items acknowledged");
        Assert.NotEmpty(reports);

        await run.WaitUntilAsync(async () =>
        {
            await using var db = run.Db();
            return !await db.Set<ItemSubmission>().AnyAsync(s => s.ProcessedAt == null, Ct) && !await db.Set<Report>().AnyAsync(r => r.RoutedAt == null, Ct);
        }, Recovery, "every accepted submission to be processed and every report routed");

        await using var db = run.Db();
        var submissions = await db.Set<ItemSubmission>().GroupBy(s => s.ItemId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, Ct);
        Assert.All(items, id => Assert.Equal(1, submissions.GetValueOrDefault(id)));
        Assert.All(reports, r => Assert.Equal(1, submissions.GetValueOrDefault(r.ItemId)));
        // Each id was posted once: none was stored twice, acknowledged or cut off by the kill.
        Assert.All(submissions, s => Assert.Equal(1, s.Value));

        // Processing completed after the restart: every acknowledged item is a current item.
        var stored = (await db.Set<Item>().Where(i => i.OrganizationId == run.OrganizationId).Select(i => i.ItemId).ToListAsync(Ct)).ToHashSet();
        Assert.Subset(stored, items);

        // Every acknowledged report is stored once and routed into a job for its item.
        var storedReports = await db.Set<Report>().ToDictionaryAsync(r => r.Id, r => r.ItemId, Ct);
        Assert.All(reports, r => Assert.Equal(r.ItemId, storedReports.GetValueOrDefault(r.ReportId)));
        var jobItems = (await db.ReviewJobs.Where(j => j.OrganizationId == run.OrganizationId).Select(j => j.ItemId).ToListAsync(Ct)).ToHashSet();
        Assert.All(reports, r => Assert.Contains(r.ItemId, jobItems));
    }

    [Fact]
    public async Task Decisions_acknowledged_before_the_kill_exist_once_their_callbacks_arrive_under_one_idempotency_key_and_claimed_jobs_return()
    {
        await StartAsync();
        var acknowledged = run.AcknowledgedDecisions.ToList();
        var claimed = run.ClaimedAtKill.ToList();
        Assert.True(acknowledged.Count >= 4, $"{acknowledged.Count} decisions acknowledged");
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.NotEmpty(claimed);

        await run.WaitUntilAsync(async () =>
        {
            await using var db = run.Db();
            return !await db.OutboxMessages.AnyAsync(m => m.Kind == OutboxMessageKinds.IgnoreCallback && m.Status != OutboxStatus.Delivered, Ct)
                && await db.ReviewJobs.CountAsync(j => claimed.Contains(j.Id) && j.Status == JobStatus.Open && j.ClaimedByUserId == null, Ct) == claimed.Count;
        }, Recovery, "every decision callback to be delivered and the jobs claimed at the kill to return to the queue");

        await using var db = run.Db();
        var decisions = await db.ReviewDecisions.Where(d => d.QueueId == run.QueueId).ToListAsync(Ct);
        var perJob = decisions.GroupBy(d => d.JobId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged, job => Assert.Equal(1, perJob.GetValueOrDefault(job)));
        Assert.All(perJob, p => Assert.Equal(1, p.Value));
        Assert.All(await db.ReviewJobs.Where(j => acknowledged.Contains(j.Id)).Select(j => j.Status).ToListAsync(Ct), s => Assert.NotEqual(JobStatus.Open, s));

        // One callback per decision (including any the kill cut off before its page heard of it), each delivered.
        var messages = await db.OutboxMessages.Where(m => m.Kind == OutboxMessageKinds.IgnoreCallback).ToListAsync(Ct);
        Assert.Equal(decisions.Select(d => d.ItemId).Order(), messages.Select(m => m.ItemId!).Order());

        // The platform saw every callback, signed, and every repeat of one carried the same key and body.
        var received = run.Receiver.Requests.Where(r => r.Path == "/ignore").ToList();
        Assert.All(received, r => Assert.True(r.SignatureValid));
        var byKey = received.GroupBy(r => r.Headers.GetValueOrDefault("Idempotency-Key") ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(messages.Select(m => m.Id).Order(), byKey.Keys.Order());
        Assert.All(messages, m => Assert.All(byKey[m.Id], r => Assert.Equal(m.Body, Encoding.UTF8.GetString(r.Body))));
        // The callback the platform was still answering at the kill came again after the restart, under its first key.
        Assert.Contains(byKey.Values, deliveries => deliveries.Count > 1);

        // The jobs held at the kill came back when their leases lapsed.
        var expired = await db.JobEvents.Where(e => claimed.Contains(e.JobId) && e.Kind == JobEventKind.Expired).Select(e => e.JobId).Distinct().ToListAsync(Ct);
        Assert.Equal(claimed.Order(), expired.Order());
    }

    [Fact]
    public async Task A_CyberTipline_batch_killed_during_a_finish_resumes_and_files_each_report_exactly_once()
    {
        await StartAsync();
        await run.WaitUntilAsync(async () =>
        {
            await using var db = run.Db();
            return await db.NcmecSubmissions.CountAsync(s => s.State == NcmecSubmissionState.Done, Ct) == CrashSafetyRun.Submissions;
        }, Recovery, "every CyberTipline submission to be filed");

        await using var db = run.Db();
        var submissions = await db.NcmecSubmissions.AsNoTracking().ToListAsync(Ct);
        var reports = run.Tipline.Reports;
        var calls = run.Tipline.Calls;
        Assert.Equal(CrashSafetyRun.Submissions, calls.Count(c => c.Path == "/submit"));
        Assert.Equal(CrashSafetyRun.Submissions, reports.Count);
        Assert.All(reports, r => Assert.Equal((FakeReportState.Finished, 1), (r.State, r.FinishedCount)));
        Assert.Equal(reports.Select(r => r.ReportId).Order(), submissions.Select(s => s.ReportId!).Order());

        // The finish held at the kill was sent again after the restart, on the same report, never on another.
        var finishes = calls.Where(c => c.Path == "/finish").ToList();
        Assert.True(finishes.Count > CrashSafetyRun.Submissions, $"{finishes.Count} finishes for {CrashSafetyRun.Submissions} submissions");
        Assert.All(finishes.Where(c => c.Form.ContainsKey("id")), c => Assert.Contains(c.Form["id"], reports.Select(r => r.ReportId)));
    }

    private async Task StartAsync()
    {
        Assert.SkipUnless(File.Exists(CoopNode.WebAssemblyPath()), $"The built Coop.Web is not at {CoopNode.WebAssemblyPath()}.");
        await run.EnsureCrashedAndRestartedAsync(browser);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Killed after {run.LoadDuration.TotalSeconds:0.0} s with {run.AcknowledgedItems.Count} items, {run.AcknowledgedReports.Count} reports and " +
            $"{run.AcknowledgedDecisions.Count} decisions acknowledged, {run.ClaimedAtKill.Count} jobs claimed.");
        Assert.Empty(run.ErrorsBeforeKill);
    }
}
