using System.Text.Json;
using System.Xml.Linq;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Web.Features.ChildSafety.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// The submission pipeline and its job end to end: the app's real CyberTipline client over HTTP against the fake
/// CyberTipline (NCMEC's server rules, fault injection, its own clock), media fetched from a real HTTP server, on SQLite
/// and PostgreSQL. What NCMEC received is read back from the fake: the XML documents, the uploads and their MD5s, the finish.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NcmecPipelineTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static XElement Xml(string document) => XDocument.Parse(document).Root!;

    private static string? Value(XElement root, params string[] path)
    {
        var element = root;
        foreach (var name in path)
        {
            element = element?.Element(name);
        }

        return element?.Value;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_production_report_with_several_files_is_filed_over_HTTP_with_each_state_written_before_the_next_call_and_preserved_once(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync(NcmecEnvironment.Production);
        var id = await s.SubmitAsync(NcmecEnvironment.Production, s.Request(media: 3, thread: true));
        var seen = new List<string>();
        s.Tipline.BeforeCall = async path =>
        {
            var stored = await s.LoadAsync(id);
            var reports = s.Tipline.Reports;
            var latest = reports.Count == 0 ? null : reports[^1].ReportId;
            seen.Add($"{path}:{stored.State}:{stored.ReportId == latest}:{stored.Files.Count(f => f.FileId is not null)}:{stored.Files.Count(f => f.DetailsSent)}");
        };

        await s.RunJobAsync();
        await s.RunJobAsync();

        var done = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal((FakeReportState.Finished, 1), (report.State, report.FinishedCount));
        Assert.Equal(report.ReportId, done.ReportId);
        Assert.Equal(
        [
            "/submit:Pending:True:0:0",
            "/upload:Opened:True:0:0", "/fileinfo:Opened:True:1:0",
            "/upload:Opened:True:1:1", "/fileinfo:Opened:True:2:1",
            "/upload:Opened:True:2:2", "/fileinfo:Opened:True:3:2",
            "/upload:Opened:True:3:3", "/fileinfo:Opened:True:4:3",
            "/finish:Finishing:True:4:4",
        ], seen);
        Assert.All(s.Tipline.Calls, c => Assert.True(c.Authorized));
        Assert.All(s.Tipline.Calls.Where(c => c.Path == "/upload"), c => Assert.Equal(report.ReportId, c.Form["id"]));

        // The uploads: the media's own bytes (NCMEC's MD5 is the one of the file served), then the transcript.
        Assert.Equal(["a.jpg", "b.png", "c.jpg", "thread-1.csv"], report.Files.Select(f => f.FileName));
        Assert.Equal([s.Md5Of("a.jpg"), s.Md5Of("b.png"), s.Md5Of("c.jpg")], report.Files.Take(3).Select(f => f.Md5));
        Assert.All(report.Files.Take(3), f => Assert.Equal(4096 + 21 + 5, f.Size));
        Assert.Equal(report.Files.Select(f => (f.FileId, f.Md5)), done.Files.OrderBy(f => f.Index).Select(f => (f.FileId!, f.Md5!)));
        Assert.Equal(report.Files.Select(f => f.FileId), done.FiledFileIds);
        Assert.Null(done.FileListMismatch);

        // The receipt and retention.
        Assert.Contains("<reportDoneResponse>", done.ReceiptXml, StringComparison.Ordinal);
        Assert.Contains(report.ReportId, done.ReceiptXml, StringComparison.Ordinal);
        Assert.Equal(s.Tipline.Calls.Single(c => c.Path == "/finish").RequestId, done.FinishRequestId);
        Assert.Equal(done.FiledAt!.Value.AddYears(1), done.RetentionUntil);
        Assert.Equal(NcmecPreservationState.Done, done.PreservationState);

        // The report document as NCMEC received it: reporter from settings, the reported user, the incident in the past.
        var xml = Xml(report.ReportXml);
        Assert.Equal("trust-safety@acme.example", Value(xml, "reporter", "reportingPerson", "email"));
        Assert.Equal("user-1", Value(xml, "personOrUserReported", "espIdentifier"));
        Assert.Equal("Acme Chat", Value(xml, "personOrUserReported", "espService"));
        Assert.Equal(NcmecVocabulary.IncidentTypeText(NcmecIncidentType.ChildPornography), Value(xml, "incidentSummary", "incidentType"));
        Assert.True(DateTimeOffset.Parse(Value(xml, "incidentSummary", "incidentDateTime")!, System.Globalization.CultureInfo.InvariantCulture) < s.Tipline.Clock.GetUtcNow());

        // The file details: only what the reviewer did, per file.
        var details = report.Files.Select(f => Xml(Assert.IsType<string>(f.FileDetailsXml))).ToList();
        Assert.Equal(report.Files.Select(f => f.FileId), details.Select(d => Value(d, "fileId")));
        Assert.All(details, d => Assert.Equal(report.ReportId, Value(d, "reportId")));
        Assert.Equal(["true", "true", "false", null], details.Select(d => Value(d, "fileViewedByEsp")));
        Assert.All(details, d => Assert.Null(d.Element("exifViewedByEsp")));
        Assert.Equal(["A1", "B2", "B2", null], details.Select(d => Value(d, "industryClassification")));
        Assert.Equal("192.0.2.10", Value(details[0], "ipCaptureEvent", "ipAddress"));
        Assert.Equal("Supplemental Reported", Value(details[3], "fileRelevance"));

        var preservation = Assert.Single(s.Receiver.Requests);
        Assert.True(preservation.SignatureValid);
        using var body = JsonDocument.Parse(preservation.Body);
        Assert.Equal(report.ReportId, body.RootElement.GetProperty("reportId").GetString());
        Assert.Equal("user-1", body.RootElement.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("reportedMedia").GetArrayLength());
        Assert.Equal((1, 1), (s.Count("/submit"), s.Count("/finish")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_5xx_on_the_second_of_three_uploads_is_retried_on_the_same_report_and_a_test_report_is_not_preserved(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test);
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/upload", 500, 1111, onCall: 2));

        await s.RunJobAsync();
        var stopped = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Opened, stopped.State);
        Assert.Equal(1, stopped.Attempts);
        Assert.Contains("Upload of b.png: /upload: HTTP 500, responseCode 1111", stopped.LastError, StringComparison.Ordinal);
        Assert.Single(stopped.Files, f => f.DetailsSent);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(stopped.ReportId, done.ReportId);
        Assert.Equal((1, 4, 3, 1), (s.Count("/submit"), s.Count("/upload"), s.Count("/fileinfo"), s.Count("/finish")));
        Assert.Equal(500, s.Tipline.Calls.Where(c => c.Path == "/upload").ElementAt(1).HttpStatus);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal((FakeReportState.Finished, 1), (report.State, report.FinishedCount));
        Assert.Equal(["a.jpg", "b.png", "c.jpg"], report.Files.Select(f => f.FileName));
        Assert.Equal([s.Md5Of("a.jpg"), s.Md5Of("b.png"), s.Md5Of("c.jpg")], report.Files.Select(f => f.Md5));
        Assert.All(report.Files, f => Assert.NotNull(f.FileDetailsXml));
        Assert.Equal((1, 2, 1), (s.Images.Hits["a.jpg"], s.Images.Hits["b.png"], s.Images.Hits["c.jpg"]));
        Assert.Equal(0, done.Attempts);
        Assert.Null(done.LastError);
        Assert.Equal(NcmecPreservationState.NotRequired, done.PreservationState);
        Assert.Empty(s.Receiver.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failure_that_persists_after_submit_fails_the_submission_and_retracts_the_open_report(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(maxAttempts: 3, provider: provider);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test);
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/upload", 503, null) with { Times = 1000 });

        for (var run = 0; run < 5; run++)
        {
            await s.RunJobAsync();
        }

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("RetriesExhausted", failed.FailureKind);
        Assert.Contains("Gave up after 3 attempts", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.ReportId);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal(FakeReportState.Retracted, report.State);
        Assert.Empty(report.Files);
        Assert.Equal((1, 3, 1, 0), (s.Count("/submit"), s.Count("/upload"), s.Count("/retract"), s.Count("/finish")));
        var abandoned = Assert.Single(failed.AbandonedReports);
        Assert.Equal((report.ReportId, "retracted"), (abandoned.ReportId, abandoned.Reason));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lost_finish_answer_after_NCMEC_committed_it_is_retried_on_the_same_report_and_files_exactly_one_report(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        s.Tipline.AddFault(FakeCyberTipFault.LoseResponse("/finish"));

        await s.RunJobAsync();
        var waiting = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Finishing, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(waiting.ReportId, done.ReportId);
        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal((FakeReportState.Finished, 1), (report.State, report.FinishedCount));
        Assert.Equal(report.ReportId, done.ReportId);
        var finishes = s.Tipline.Calls.Where(c => c.Path == "/finish").ToList();
        Assert.Equal([true, false], finishes.Select(c => c.ResponseDropped));
        Assert.Equal([report.ReportId, report.ReportId], finishes.Select(c => c.Form["id"]));
        Assert.Equal(5102, finishes[1].ResponseCode);
        Assert.Equal((1, 0), (s.Count("/submit"), s.Count("/retract")));
        Assert.NotNull(done.FiledAt);
        Assert.Null(done.FileListMismatch);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_report_that_expired_at_NCMEC_before_finish_is_started_again_cleanly_with_the_old_id_recorded(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 2));
        var expired = 0;
        s.Tipline.BeforeCall = path =>
        {
            // NCMEC's timeout: a day passes on the fake's clock just before the first /finish arrives.
            if (path == "/finish" && Interlocked.Exchange(ref expired, 1) == 0)
            {
                s.Tipline.Clock.Advance(TimeSpan.FromHours(25));
            }

            return Task.CompletedTask;
        };

        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal((2, 2), (s.Count("/submit"), s.Count("/finish")));
        Assert.Equal(5001, s.Tipline.Calls.First(c => c.Path == "/finish").ResponseCode);
        var old = Assert.Single(s.Tipline.Reports, r => r.State == FakeReportState.Expired);
        var filed = Assert.Single(s.Tipline.Reports, r => r.State == FakeReportState.Finished);
        Assert.Equal(2, s.Tipline.Reports.Count);
        Assert.Equal(filed.ReportId, done.ReportId);
        Assert.Equal(["a.jpg", "b.png"], filed.Files.Select(f => f.FileName));
        Assert.All(filed.Files, f => Assert.Contains($"<reportId>{filed.ReportId}</reportId>", f.FileDetailsXml, StringComparison.Ordinal));
        Assert.Equal(filed.Files.Select(f => f.FileId), done.Files.OrderBy(f => f.Index).Select(f => f.FileId));
        Assert.Equal(old.ReportId, Assert.Single(done.AbandonedReports).ReportId);
        Assert.Equal(0, s.Count("/retract"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Refused_credentials_stop_at_once_alert_the_admins_and_are_not_retried_until_replaced(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync(password: "wrong-password-secret");
        var id = await s.SubmitAsync(NcmecEnvironment.Test);

        await s.RunJobAsync();
        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("Credential", failed.FailureKind);
        Assert.Contains("NCMEC refused the test credentials", failed.LastError, StringComparison.Ordinal);
        var refused = Assert.Single(s.Tipline.Calls);
        Assert.Equal(("/submit", false, 401), (refused.Path, refused.Authorized, refused.HttpStatus));
        Assert.Empty(s.Tipline.Reports);
        await using var db = await s.Db();
        var alert = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == NcmecSubmissionProcessor.CredentialsRefusedAction, Ct);
        Assert.DoesNotContain("wrong-password-secret", alert.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-secret", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(NcmecEnvironment.Test, (await s.ListAsync()).CredentialAlert?.Environment);
        Assert.Equal(NcmecEnvironment.Test, (await s.GetSettingsAsync()).CredentialAlert?.Environment);

        // Replacing the credentials clears the alert; the retry button then files it.
        await s.ConfigureAsync();
        Assert.Null((await s.ListAsync()).CredentialAlert);
        var retried = await s.RetryAsync(id);
        Assert.Equal(NcmecSubmissionState.Pending, retried.State);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(FakeReportState.Finished, s.ReportAt(done.ReportId!).State);
        Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.Action == "ncmec.submission-retried").ToListAsync(Ct));
    }

    [Fact]
    public async Task Refused_content_fails_with_the_reason_in_words_and_retracts_the_open_report()
    {
        await using var s = await NcmecScenario.StartAsync();
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/fileinfo", 400, 4100));

        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal("Validation", failed.FailureKind);
        Assert.StartsWith("NCMEC refused the report. File details of a.jpg: /fileinfo: HTTP 400, responseCode 4100", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(FakeReportState.Retracted, Assert.Single(s.Tipline.Reports).State);
        Assert.Equal(1, s.Count("/retract"));
        var row = Assert.Single((await s.ListAsync()).Submissions);
        Assert.True(row.CanRetry);
        Assert.Equal(failed.LastError, row.LastError);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_claims_of_the_same_due_submission_never_both_get_it(DatabaseProvider provider)
    {
        await using var s = await NcmecScenario.StartAsync(provider: provider);
        await s.ConfigureAsync();
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        s.Tipline.BeforeCall = async path =>
        {
            if (path == "/submit" && Interlocked.Increment(ref entered) == 1)
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
        Assert.Equal(1, s.Count("/submit"));
        Assert.Single(s.Tipline.Reports);
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

        Assert.Equal(NcmecSubmissionState.Done, filed.State);
        Assert.Equal([pendingId], purgeableNow);
        Assert.Equal(new[] { filedId, pendingId }.Order(StringComparer.Ordinal), purgeableLater.Order(StringComparer.Ordinal));
        Assert.True(filed.IsUnderRetention(now));
        Assert.False(filed.IsUnderRetention(filed.RetentionUntil.Value.AddSeconds(1)));
        Assert.True(await NcmecRetention.IsUserHeldAsync(db, s.OrganizationId, "user", "user-1", now, Ct));
        Assert.False(await NcmecRetention.IsUserHeldAsync(db, s.OrganizationId, "user", "user-2", now, Ct));
    }
}
