using System.Text.Json;
using Coop.Domain.ChildSafety;
using Coop.Web.Features.ChildSafety.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The submission pipeline and its job: the state machine against a CyberTipline with NCMEC's server rules, media from a real HTTP server.</summary>
[Trait("Category", "Integration")]
public sealed class NcmecPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_production_report_is_filed_with_each_state_written_before_the_next_call_and_preserved_exactly_once()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync(NcmecEnvironment.Production);
        var id = await s.SubmitAsync(NcmecEnvironment.Production, s.Request(media: 3, thread: true));
        var seen = new List<string>();
        s.Tipline.BeforeCall = async (endpoint, reportId) =>
        {
            var stored = await s.LoadAsync(id);
            seen.Add($"{endpoint}:{stored.State}:{stored.ReportId == reportId}:{stored.Files.Count(f => f.FileId is not null)}:{stored.Files.Count(f => f.DetailsSent)}");
        };

        await s.RunJobAsync();
        await s.RunJobAsync();

        var done = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal(ScriptedCyberTipline.ReportState.Finished, report.State);
        Assert.Equal(report.Id, done.ReportId);
        Assert.Equal(
        [
            "submit:Pending:True:0:0",
            "upload:Opened:True:0:0", "fileinfo:Opened:True:1:0",
            "upload:Opened:True:1:1", "fileinfo:Opened:True:2:1",
            "upload:Opened:True:2:2", "fileinfo:Opened:True:3:2",
            "upload:Opened:True:3:3", "fileinfo:Opened:True:4:3",
            "finish:Finishing:True:4:4",
        ], seen);
        Assert.Equal(["a.jpg", "b.png", "c.jpg", "thread-1.csv"], report.Files.Select(f => f.FileName));
        Assert.All(report.Files.Take(3), f => Assert.Equal(4096 + 21 + 5, f.Bytes));
        Assert.Contains(report.Id, done.ReceiptXml, StringComparison.Ordinal);
        Assert.NotNull(done.FinishRequestId);
        Assert.Equal(report.Files.Select(f => f.FileId), done.FiledFileIds);
        Assert.Null(done.FileListMismatch);
        Assert.Equal(done.FiledAt!.Value.AddYears(1), done.RetentionUntil);
        Assert.Equal(NcmecPreservationState.Done, done.PreservationState);

        // The report as built: reporter from settings, the reviewer's choices per file, only what the reviewer did.
        Assert.Equal("trust-safety@acme.example", report.Content.Reporter.ReportingPersonEmail);
        Assert.Equal("user-1", report.Content.PersonOrUserReported!.EspIdentifier);
        Assert.Equal("Acme Chat", report.Content.PersonOrUserReported.EspService);
        Assert.True(report.Content.IncidentSummary.IncidentDateTime < TimeProvider.System.GetUtcNow());
        var details = report.Files.Select(f => report.Details[f.FileId]).ToList();
        Assert.Equal([true, true, false, null], details.Select(d => d.FileViewedByEsp));
        Assert.All(details, d => Assert.Null(d.ExifViewedByEsp));
        Assert.Equal(NcmecIndustryClassification.A1, details[0].IndustryClassification);
        Assert.Equal("192.0.2.10", details[0].IpCaptureEvent!.IpAddress);
        Assert.Equal(CyberTipFileRelevance.SupplementalReported, details[3].FileRelevance);
        Assert.Null(details[3].IndustryClassification);

        var preservation = Assert.Single(s.Receiver.Requests);
        Assert.True(preservation.SignatureValid);
        using var body = JsonDocument.Parse(preservation.Body);
        Assert.Equal(report.Id, body.RootElement.GetProperty("reportId").GetString());
        Assert.Equal("user-1", body.RootElement.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("reportedMedia").GetArrayLength());
        Assert.Equal(1, s.Tipline.Count("submit"));
        Assert.Equal(1, s.Tipline.Count("finish"));
    }

    [Fact]
    public async Task A_test_report_is_not_preserved_and_a_5xx_on_the_second_of_three_uploads_is_retried_on_the_same_report_next_run()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test);
        s.Tipline.FailNth("upload", 2, new CyberTipFailure(CyberTipFailureKind.Transient, 500, 1111, "File upload failed"));

        await s.RunJobAsync();
        var stopped = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Opened, stopped.State);
        Assert.Equal(1, stopped.Attempts);
        Assert.Contains("File upload failed", stopped.LastError, StringComparison.Ordinal);
        Assert.Single(stopped.Files, f => f.DetailsSent);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(stopped.ReportId, done.ReportId);
        Assert.Equal(1, s.Tipline.Count("submit"));
        Assert.Equal(4, s.Tipline.Count("upload"));
        Assert.Equal(3, s.Tipline[done.ReportId!].Files.Count);
        Assert.Equal((1, 2, 1), (s.Images.Hits["a.jpg"], s.Images.Hits["b.png"], s.Images.Hits["c.jpg"]));
        Assert.Equal(0, done.Attempts);
        Assert.Null(done.LastError);
        Assert.Equal(NcmecPreservationState.NotRequired, done.PreservationState);
        Assert.Empty(s.Receiver.Requests);
    }

    [Fact]
    public async Task A_failure_that_persists_after_submit_fails_the_submission_and_retracts_the_open_report()
    {
        await using var s = await NcmecScenario.StartAsync(maxAttempts: 3);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test);
        s.Tipline.FailAlways("upload", new CyberTipFailure(CyberTipFailureKind.Transient, 503, null, "Service unavailable"));

        for (var run = 0; run < 5; run++)
        {
            await s.RunJobAsync();
        }

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("RetriesExhausted", failed.FailureKind);
        Assert.Contains("Gave up after 3 attempts", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.ReportId);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal(ScriptedCyberTipline.ReportState.Retracted, report.State);
        Assert.Equal(3, s.Tipline.Count("upload"));
        Assert.Equal(1, s.Tipline.Count("retract"));
        var abandoned = Assert.Single(failed.AbandonedReports);
        Assert.Equal((report.Id, "retracted"), (abandoned.ReportId, abandoned.Reason));
    }

    [Fact]
    public async Task A_lost_finish_answer_is_retried_on_the_same_report_and_files_exactly_one_report()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        s.Tipline.CommitThenLoseNext("finish");

        await s.RunJobAsync();
        var waiting = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Finishing, waiting.State);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(waiting.ReportId, done.ReportId);
        Assert.Single(s.Tipline.Reports);
        Assert.Single(s.Tipline.Reports, r => r.State == ScriptedCyberTipline.ReportState.Finished);
        Assert.Equal(2, s.Tipline.Calls.Count(c => c.Endpoint == "finish" && c.ReportId == done.ReportId));
        Assert.Equal(0, s.Tipline.Count("retract"));
        Assert.Contains(done.ReportId!, done.ReceiptXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_expired_before_finish_is_started_again_cleanly_with_the_old_id_recorded()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 2));
        var expired = false;
        s.Tipline.BeforeCall = (endpoint, reportId) =>
        {
            if (endpoint == "finish" && !expired)
            {
                expired = true;
                s.Tipline.Expire(reportId!);
            }

            return Task.CompletedTask;
        };

        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(2, s.Tipline.Count("submit"));
        var old = Assert.Single(s.Tipline.Reports, r => r.State == ScriptedCyberTipline.ReportState.Expired);
        var filed = Assert.Single(s.Tipline.Reports, r => r.State == ScriptedCyberTipline.ReportState.Finished);
        Assert.Equal(filed.Id, done.ReportId);
        Assert.Equal(2, filed.Files.Count);
        Assert.Equal(2, filed.Details.Count);
        Assert.Equal(old.Id, Assert.Single(done.AbandonedReports).ReportId);
    }

    [Fact]
    public async Task Refused_credentials_fail_at_once_alert_the_admins_and_are_not_retried()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync(password: "wrong-password-secret");
        var id = await s.SubmitAsync(NcmecEnvironment.Test);

        await s.RunJobAsync();
        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("Credential", failed.FailureKind);
        Assert.Contains("NCMEC refused the test credentials", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, s.Tipline.Count("submit"));
        await using var db = await s.Db();
        var alert = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == NcmecSubmissionProcessor.CredentialsRefusedAction, Ct);
        Assert.DoesNotContain("wrong-password-secret", alert.Details, StringComparison.Ordinal);
        Assert.Equal(NcmecEnvironment.Test, (await s.ListAsync()).CredentialAlert?.Environment);
        Assert.Equal(NcmecEnvironment.Test, (await s.GetSettingsAsync()).CredentialAlert?.Environment);

        // Replacing the credentials clears the alert; the retry button then files it.
        await s.ConfigureAsync();
        Assert.Null((await s.ListAsync()).CredentialAlert);
        var retried = await s.RetryAsync(id);
        Assert.Equal(NcmecSubmissionState.Pending, retried.State);
        await s.RunJobAsync();
        Assert.Equal(NcmecSubmissionState.Done, (await s.LoadAsync(id)).State);
        Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.Action == "ncmec.submission-retried").ToListAsync(Ct));
    }

    [Fact]
    public async Task Refused_content_fails_with_the_reason_in_words_and_retracts_the_open_report()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        s.Tipline.FailNth("fileinfo", 1, new CyberTipFailure(CyberTipFailureKind.Validation, 400, 4100,
            "Validation failed [1,638] - Invalid content was found starting with element 'ipCaptureEvent'."));

        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("Validation", failed.FailureKind);
        Assert.StartsWith("NCMEC refused the report. File details of a.jpg: Validation failed", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(ScriptedCyberTipline.ReportState.Retracted, Assert.Single(s.Tipline.Reports).State);
        var row = Assert.Single((await s.ListAsync()).Submissions);
        Assert.True(row.CanRetry);
        Assert.Equal(failed.LastError, row.LastError);
    }

    [Fact]
    public async Task Two_claims_of_the_same_due_submission_never_both_get_it()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        var gate = new TaskCompletionSource();
        var entered = 0;
        s.Tipline.BeforeCall = async (endpoint, _) =>
        {
            if (endpoint == "submit" && Interlocked.Increment(ref entered) == 1)
            {
                await gate.Task;
            }
        };

        var first = s.RunJobAsync();
        while (Volatile.Read(ref entered) == 0)
        {
            await Task.Delay(10, Ct);
        }

        var second = await s.RunJobAsync();
        gate.SetResult();
        var firstCount = await first;

        Assert.Equal((1, 0), (firstCount, second));
        Assert.Equal(1, s.Tipline.Count("submit"));
        Assert.Equal(NcmecSubmissionState.Done, (await s.LoadAsync(id)).State);
    }

    [Fact]
    public async Task A_filed_report_is_under_retention_for_a_year_and_purges_must_skip_it()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var filedId = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        await s.RunJobAsync();
        var pendingId = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1) with { UserItemId = "user-2" });
        var filed = await s.LoadAsync(filedId);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        await using var db = await s.Db();
        var purgeableNow = await NcmecRetention.Purgeable(db.NcmecSubmissions, now).Select(x => x.Id).ToListAsync(Ct);
        var purgeableLater = await NcmecRetention.Purgeable(db.NcmecSubmissions, filed.RetentionUntil!.Value.AddSeconds(1)).Select(x => x.Id).ToListAsync(Ct);

        Assert.Equal([pendingId], purgeableNow);
        Assert.Equal(new[] { filedId, pendingId }.Order(StringComparer.Ordinal), purgeableLater.Order(StringComparer.Ordinal));
        Assert.True(filed.IsUnderRetention(now));
        Assert.False(filed.IsUnderRetention(filed.RetentionUntil.Value.AddSeconds(1)));
        Assert.True(await NcmecRetention.IsUserHeldAsync(db, s.OrganizationId, "user", "user-1", now, Ct));
        Assert.False(await NcmecRetention.IsUserHeldAsync(db, s.OrganizationId, "user", "user-2", now, Ct));
    }
}
