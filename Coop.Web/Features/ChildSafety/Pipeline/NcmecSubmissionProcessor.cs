using System.Net.Http.Headers;
using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.ChildSafety.Settings;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>
/// Drives one <see cref="NcmecSubmission"/> from its stored state: <c>/submit</c> (report id stored before anything
/// else) → per file <c>/upload</c> (streamed from the media URL, never to disk) and <c>/fileinfo</c>, each written before the
/// next call → Finishing written → <c>/finish</c> (an ambiguous answer is retried on the same report id; "already
/// finished" is success) → Filed with the receipt → preservation webhook and post-report actions (production only) → Done.
/// Transient failures back off exponentially up to <see cref="NcmecPipelineOptions.MaxAttempts"/>; credential refusals,
/// refused content and exhausted retries stop it (Failed), retracting a report that is still open.
/// </summary>
public sealed partial class NcmecSubmissionProcessor(
    IDbContextFactory<CoopDbContext> factory,
    ICyberTiplineClient client,
    NcmecCredentialStore credentials,
    NcmecReportBuilder builder,
    NcmecAdditionalInfoClient additionalInfo,
    IHttpClientFactory clients,
    IWebhookSigner signer,
    ActionRunner actions,
    ILiveEvents live,
    IOptionsMonitor<NcmecPipelineOptions> options,
    TimeProvider time,
    ILogger<NcmecSubmissionProcessor> logger)
{
    public const string SignatureHeader = "Coop-Signature";

    /// <summary>The failure kind of an incomplete or invalid additional-info webhook answer (the reviewer-facing VALIDATION category).</summary>
    public const string ValidationKind = "Validation";

    /// <summary>The failure kind when the additional-info webhook says every medium is missing (permanent: nothing is filed).</summary>
    public const string AllMediaMissingKind = "AllMediaMissing";

    /// <summary>The audit action of a credential refusal (the admin alert).</summary>
    public const string CredentialsRefusedAction = "ncmec.credentials-refused";

    private const int MaxStepsPerRun = 500;

    /// <summary>
    /// Works on the submission until it is Done, Failed, or waiting (a backoff or a preservation retry). With
    /// <paramref name="leaseToken"/>, stops as soon as this node no longer holds the claim. Returns the state it left.
    /// </summary>
    public async Task<NcmecSubmissionState> ProcessAsync(string submissionId, string? leaseToken, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var submission = await db.NcmecSubmissions.SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no NCMEC submission {submissionId}.");
        var settings = await db.NcmecSettings.SingleOrDefaultAsync(s => s.OrganizationId == submission.OrganizationId, cancellationToken);
        var run = new Run(db, submission, settings, null, leaseToken);
        for (var step = 0; step < MaxStepsPerRun; step++)
        {
            if (submission.State is NcmecSubmissionState.Done or NcmecSubmissionState.Failed || submission.NextAttemptAt > Now)
            {
                break;
            }

            if (leaseToken is not null && !await HoldLeaseAsync(db, submission.Id, leaseToken, cancellationToken))
            {
                LogLeaseLost(logger, submission.Id);
                break;
            }

            var before = submission.State;
            bool proceed;
            if (submission.State is not NcmecSubmissionState.Filed && run.Credentials is null && !LoadCredentials(run))
            {
                proceed = false;
            }
            else if (settings is null)
            {
                // Filed, but the organization's settings are gone: nothing to preserve with or to act on.
                submission.MarkDone(Now);
                proceed = false;
            }
            else
            {
                proceed = submission.State switch
                {
                    NcmecSubmissionState.Pending => await SubmitAsync(run, cancellationToken),
                    NcmecSubmissionState.Opened => await NextFileAsync(run, cancellationToken),
                    NcmecSubmissionState.Finishing => await FinishAsync(run, cancellationToken),
                    NcmecSubmissionState.Filed => await AfterFilingAsync(run, cancellationToken),
                    _ => false,
                };
            }

            await db.SaveChangesAsync(cancellationToken);
            if (submission.State != before || !proceed)
            {
                await AnnounceAsync(submission, cancellationToken);
            }

            if (!proceed)
            {
                break;
            }
        }

        return submission.State;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private bool LoadCredentials(Run run)
    {
        if (run.Settings is null)
        {
            run.Submission.Fail("Configuration", "Child safety is not set up: an administrator must fill in Settings → Child Safety.", Now);
            return false;
        }

        run.Credentials = credentials.Read(run.Settings, run.Submission.Environment);
        if (run.Credentials is null)
        {
            run.Submission.Fail("Configuration",
                $"No {run.Submission.Environment.ToString().ToLowerInvariant()} CyberTipline credentials are set: an administrator must enter them in Settings → Child Safety.", Now);
            return false;
        }

        return true;
    }

    private async Task<bool> SubmitAsync(Run run, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        if (string.IsNullOrWhiteSpace(run.Settings!.ReporterEmail))
        {
            s.Fail("Configuration", "The reporter email is missing: an administrator must set it in Settings → Child Safety.", Now);
            return false;
        }

        var request = s.Request;
        if (!string.IsNullOrWhiteSpace(run.Settings.AdditionalInfoWebhookUrl) && s.AdditionalInfoJson is null)
        {
            // Asked once per submission: the validated answer is stored before /submit (the next step).
            var answer = await additionalInfo.FetchAsync(s.OrganizationId, run.Settings.AdditionalInfoWebhookUrl, request, cancellationToken);
            switch (answer.Status)
            {
                case NcmecAdditionalInfoStatus.Ok:
                    s.RecordAdditionalInfo(answer.Info!.ToJson(), Now);
                    return true;
                case NcmecAdditionalInfoStatus.Transient:
                    return await FailedCallAsync(run, "additional-info webhook", new CyberTipFailure(CyberTipFailureKind.Transient, null, null, answer.Problem!), cancellationToken);
                case NcmecAdditionalInfoStatus.AllMediaMissing:
                    s.Fail(AllMediaMissingKind, answer.Problem!, Now);
                    return false;
                default:
                    s.Fail(ValidationKind, answer.Problem!, Now);
                    return false;
            }
        }

        var user = await builder.LoadUserFactsAsync(s.OrganizationId, s.UserItemTypeId, s.UserItemId, cancellationToken);
        var report = NcmecReportBuilder.BuildReport(request, run.Settings, user, time.GetUtcNow(), NcmecAdditionalInfo.FromJson(s.AdditionalInfoJson));
        var outcome = await client.SubmitAsync(run.Credentials!, report, cancellationToken);
        if (!outcome.Succeeded || string.IsNullOrWhiteSpace(outcome.Value))
        {
            return await FailedCallAsync(run, "submit", outcome.Failure ?? new CyberTipFailure(CyberTipFailureKind.Transient, null, null, "NCMEC answered without a report id."), cancellationToken);
        }

        s.MarkOpened(outcome.Value, Now);
        LogOpened(logger, s.Id, outcome.Value, s.Environment);
        return true;
    }

    private async Task<bool> NextFileAsync(Run run, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        var progress = s.Files.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var file in NcmecReportBuilder.PlanFiles(s.Request, NcmecAdditionalInfo.FromJson(s.AdditionalInfoJson)))
        {
            var done = progress.GetValueOrDefault(file.Key);
            if (done?.FileId is null)
            {
                return await UploadAsync(run, file, cancellationToken);
            }

            if (!done.DetailsSent)
            {
                var details = NcmecReportBuilder.BuildFileDetails(s.ReportId!, done.FileId, file, time.GetUtcNow());
                var outcome = await client.FileInfoAsync(run.Credentials!, details, cancellationToken);
                if (!outcome.Succeeded)
                {
                    return await FailedCallAsync(run, $"file details of {file.FileName}", outcome.Failure!, cancellationToken);
                }

                s.RecordFile(done with { DetailsSent = true }, Now);
                return true;
            }
        }

        s.MarkFinishing(Now);
        return true;
    }

    private async Task<bool> UploadAsync(Run run, NcmecPlannedFile file, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        CyberTipOutcome<CyberTipUpload> outcome;
        if (file.Thread is { } thread)
        {
            await using var csv = new MemoryStream(NcmecReportBuilder.TranscriptCsv(thread), writable: false);
            outcome = await client.UploadAsync(run.Credentials!, s.ReportId!, file.FileName, csv, cancellationToken);
        }
        else
        {
            var source = file.SourceUrl!;
            HttpResponseMessage? response = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromMinutes(10));
                response = await clients.CreateClient(OutboundHttp.Media)
                    .GetAsync(new Uri(source), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    return await FailedCallAsync(run, $"fetching {file.FileName}",
                        new CyberTipFailure(CyberTipFailureKind.Transient, null, null, $"The platform's media server answered HTTP {(int)response.StatusCode} for {file.FileName}."), cancellationToken);
                }

                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                outcome = await client.UploadAsync(run.Credentials!, s.ReportId!, file.FileName, stream, timeout.Token);
            }
            catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is not null)
            {
                // SocketsHttpHandler wraps the guard's refusal in an HttpRequestException: abandon, do not retry.
                return await AbandonAsync(run, "Media", $"The media URL of {file.FileName} points to an address Coop may not call (Outbound:AllowedNetworks).", cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or UriFormatException
                || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return await FailedCallAsync(run, $"fetching {file.FileName}",
                    new CyberTipFailure(CyberTipFailureKind.Transient, null, null, $"The media {file.FileName} could not be fetched ({ex.GetType().Name})."), cancellationToken);
            }
            finally
            {
                response?.Dispose();
            }
        }

        if (!outcome.Succeeded)
        {
            return await FailedCallAsync(run, $"upload of {file.FileName}", outcome.Failure!, cancellationToken);
        }

        var upload = outcome.Value!;
        s.RecordFile(new NcmecFileProgress(file.Index, file.Key, file.FileName, upload.FileId, upload.LocalMd5, upload.Bytes, DetailsSent: false), Now);
        return true;
    }

    private async Task<bool> FinishAsync(Run run, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        var outcome = await client.FinishAsync(run.Credentials!, s.ReportId!, cancellationToken);
        if (!outcome.Succeeded)
        {
            return await FailedCallAsync(run, "finish", outcome.Failure!, cancellationToken);
        }

        var finish = outcome.Value!;
        var preserve = s.Environment == NcmecEnvironment.Production && !string.IsNullOrWhiteSpace(run.Settings!.PreservationWebhookUrl);
        // "Already finished" (a lost answer to an earlier /finish) lists no files: nothing to compare the uploads with.
        s.MarkFiled(finish.ReceiptXml, outcome.RequestId, finish.AlreadyFinished ? null : finish.FileIds, preserve, Now);
        LogFiled(logger, s.Id, s.ReportId!, s.Environment, finish.AlreadyFinished);
        if (s.FileListMismatch is { } mismatch)
        {
            LogFileMismatch(logger, s.Id, s.ReportId!, mismatch);
        }

        return true;
    }

    private async Task<bool> AfterFilingAsync(Run run, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        var settings = run.Settings!;
        if (s.Environment == NcmecEnvironment.Production && s.PostReportActionsRunAt is null)
        {
            await RunPostReportActionsAsync(s, settings, cancellationToken);
            s.MarkPostReportActionsRun(Now);
            return true;
        }

        if (s.PreservationState is NcmecPreservationState.Pending or NcmecPreservationState.Failing)
        {
            var problem = await PreserveAsync(s, settings, cancellationToken);
            if (problem is null)
            {
                s.MarkPreserved(Now);
                return true;
            }

            var next = Now + options.CurrentValue.Backoff(s.PreservationAttempts + 1);
            s.RecordPreservationFailure(problem, next, Now);
            LogPreservationFailed(logger, s.Id, s.ReportId!, s.PreservationAttempts, problem);
            return false;
        }

        s.MarkDone(Now);
        return false;
    }

    /// <summary>POSTs {user, reportedMedia, reportId} to the preservation webhook, signed like action webhooks; null when it answered 2xx.</summary>
    private async Task<string?> PreserveAsync(NcmecSubmission s, NcmecSettings settings, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(settings.PreservationWebhookUrl, UriKind.Absolute, out var target))
        {
            return "The preservation webhook URL is not set or not an absolute URL.";
        }

        var request = s.Request;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            user = new { id = s.UserItemId, typeId = s.UserItemTypeId },
            reportedMedia = request.Media.Select(m => new { id = m.ItemId, typeId = m.ItemTypeId, field = m.Field, url = m.Url }),
            reportId = s.ReportId,
        });
        try
        {
            var signature = await signer.SignAsync(s.OrganizationId, body, cancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.TryAddWithoutValidation(SignatureHeader, signature);
            message.Headers.TryAddWithoutValidation("User-Agent", "Coop-ChildSafety/1.0");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.PreservationTimeout);
            using var response = await clients.CreateClient(OutboundHttp.Webhooks).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"The preservation webhook answered HTTP {(int)response.StatusCode}.";
        }
        catch (Exception ex) when (OutboundRequestRefusedException.FindIn(ex) is not null)
        {
            return "The preservation webhook URL points to an address Coop may not call (Outbound:AllowedNetworks).";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Security.Cryptography.CryptographicException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The preservation webhook could not be reached ({ex.GetType().Name}).";
        }
    }

    private async Task RunPostReportActionsAsync(NcmecSubmission s, NcmecSettings settings, CancellationToken cancellationToken)
    {
        var actionIds = settings.PostReportActionIds;
        if (actionIds.Count == 0)
        {
            return;
        }

        foreach (var actionId in actionIds)
        {
            var result = await actions.RunAsync(s.OrganizationId,
                new RunActionRequest(actionId, s.UserItemTypeId, s.UserItemId, settings.PostReportPolicyIds, [], null, $"CyberTipline report {s.ReportId} filed"),
                new RunActionActor(s.ReviewerUserId, null), ActionExecutionSource.ReviewDecision, $"ncmec:{s.Id}", cancellationToken);
            if (!result.Succeeded)
            {
                LogPostActionRefused(logger, s.Id, actionId, string.Join("; ", result.Errors.Select(e => e.Message)));
            }
        }
    }

    private async Task<bool> FailedCallAsync(Run run, string step, CyberTipFailure failure, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        var words = $"{Capitalize(step)}: {failure.Description}";
        LogCallFailed(logger, s.Id, step, failure.Kind, failure.HttpStatus, failure.ResponseCode);
        switch (failure.Kind)
        {
            case CyberTipFailureKind.Transient:
            case CyberTipFailureKind.Ambiguous:
            {
                var max = options.CurrentValue.MaxAttempts;
                if (s.RecordTransientFailure(words, Now + options.CurrentValue.Backoff(s.Attempts + 1), max, Now))
                {
                    return false;
                }

                return await AbandonAsync(run, "RetriesExhausted", $"Gave up after {max} attempts. {words}", cancellationToken);
            }

            case CyberTipFailureKind.ReportGone:
                s.AbandonReport("expired at NCMEC before it was finished; starting again", Now);
                return true;

            case CyberTipFailureKind.Credential:
                await AlertCredentialsRefusedAsync(run, step, cancellationToken);
                return await AbandonAsync(run, nameof(CyberTipFailureKind.Credential),
                    $"NCMEC refused the {s.Environment.ToString().ToLowerInvariant()} credentials ({step}). An administrator must check them in Settings → Child Safety, then retry.", cancellationToken);

            case CyberTipFailureKind.RejectedLocally:
                return await AbandonAsync(run, failure.Kind.ToString(), $"Not sent — the report is incomplete or invalid. {words}", cancellationToken);

            default:
                return await AbandonAsync(run, failure.Kind.ToString(), $"NCMEC refused the report. {words}", cancellationToken);
        }
    }

    /// <summary>Stops the submission. A report still open at NCMEC is retracted (never one whose finish may have happened).</summary>
    private async Task<bool> AbandonAsync(Run run, string kind, string words, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        var mayBeFiled = s.State == NcmecSubmissionState.Finishing && kind is "RetriesExhausted";
        if (s.ReportId is { } reportId && s.State is NcmecSubmissionState.Opened or NcmecSubmissionState.Finishing && !mayBeFiled && run.Credentials is not null)
        {
            var retract = await client.RetractAsync(run.Credentials, reportId, cancellationToken);
            s.AbandonReport(retract.Succeeded ? "retracted" : $"left to expire at NCMEC (retract failed: {retract.Failure!.Description})", Now);
            LogRetracted(logger, s.Id, reportId, retract.Succeeded);
        }

        s.Fail(kind, words, Now);
        return false;
    }

    private async Task AlertCredentialsRefusedAsync(Run run, string step, CancellationToken cancellationToken)
    {
        var s = run.Submission;
        run.Settings!.RecordCredentialsRefused(s.Environment, Now);
        run.Db.AuditEntries.Add(AuditEntry.Record(s.OrganizationId, null, "system", CredentialsRefusedAction, "ncmec-submission", s.Id,
            $"NCMEC refused the {s.Environment.ToString().ToLowerInvariant()} CyberTipline credentials at {step}; submissions stop until an administrator checks them.", Now));
        LogCredentialsRefused(logger, s.OrganizationId, s.Environment, step);
        await Task.CompletedTask;
    }

    private async Task<bool> HoldLeaseAsync(CoopDbContext db, string id, string token, CancellationToken cancellationToken)
    {
        DateTime? until = Now + options.CurrentValue.Lease;
        return await db.NcmecSubmissions.Where(x => x.Id == id && x.LeaseToken == token)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.LeaseUntil, until), cancellationToken) == 1;
    }

    private async Task AnnounceAsync(NcmecSubmission s, CancellationToken cancellationToken) =>
        await live.PublishAsync(new LiveEvent(s.OrganizationId, LiveTopics.ChildSafety(s.OrganizationId), LiveEventKinds.NcmecSubmissionChanged, s.Id), cancellationToken);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed class Run(CoopDbContext db, NcmecSubmission submission, NcmecSettings? settings, CyberTipCredentials? credentials, string? leaseToken)
    {
        public CoopDbContext Db { get; } = db;

        public NcmecSubmission Submission { get; } = submission;

        public NcmecSettings? Settings { get; } = settings;

        public CyberTipCredentials? Credentials { get; set; } = credentials;

        public string? LeaseToken { get; } = leaseToken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NCMEC submission {SubmissionId}: report {ReportId} opened ({Environment})")]
    private static partial void LogOpened(ILogger logger, string submissionId, string reportId, NcmecEnvironment environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "NCMEC submission {SubmissionId}: report {ReportId} filed ({Environment}; already finished: {AlreadyFinished})")]
    private static partial void LogFiled(ILogger logger, string submissionId, string reportId, NcmecEnvironment environment, bool alreadyFinished);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submission {SubmissionId}: the receipt of report {ReportId} does not match the uploaded files: {Mismatch}")]
    private static partial void LogFileMismatch(ILogger logger, string submissionId, string reportId, string mismatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submission {SubmissionId}: {Step} failed ({Kind}, HTTP {HttpStatus}, code {ResponseCode})")]
    private static partial void LogCallFailed(ILogger logger, string submissionId, string step, CyberTipFailureKind kind, int? httpStatus, int? responseCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "NCMEC refused the {Environment} CyberTipline credentials of organization {OrganizationId} at {Step}; submissions stop until an administrator checks them")]
    private static partial void LogCredentialsRefused(ILogger logger, string organizationId, NcmecEnvironment environment, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "NCMEC submission {SubmissionId}: abandoned report {ReportId} (retracted: {Retracted})")]
    private static partial void LogRetracted(ILogger logger, string submissionId, string reportId, bool retracted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submission {SubmissionId}: preservation call for report {ReportId} failed (attempt {Attempts}): {Problem}")]
    private static partial void LogPreservationFailed(ILogger logger, string submissionId, string reportId, int attempts, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submission {SubmissionId}: post-report action {ActionId} was refused: {Problem}")]
    private static partial void LogPostActionRefused(ILogger logger, string submissionId, string actionId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submission {SubmissionId}: the claim was lost; another node has it")]
    private static partial void LogLeaseLost(ILogger logger, string submissionId);
}
