using System.Security.Cryptography;
using System.Text;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.ChildSafety;
using Coop.Infrastructure.Net;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Fakes.CyberTipline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The CyberTipline client against the fake CyberTipline over real HTTP on loopback.</summary>
[Trait("Category", "Integration")]
public sealed class CyberTiplineClientTests
{
    private static readonly string[] UploadAndDescribe = ["/upload", "/fileinfo"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The MD5 NCMEC should report for these bytes (the integrity check the protocol uses).</summary>
    private static string Md5(byte[] bytes)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(bytes);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_report_with_files_is_submitted_uploaded_described_and_finished_once(int fileCount)
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();

        var submit = await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct);
        Assert.True(submit.Succeeded, submit.Failure?.Description);
        Assert.False(string.IsNullOrEmpty(submit.RequestId));
        var reportId = submit.Value!;
        var uploaded = new List<CyberTipUpload>();
        for (var i = 0; i < fileCount; i++)
        {
            var bytes = CyberTipSamples.SyntheticFile(100_000 + (i * 7919), seed: i);
            var upload = await client.UploadAsync(credentials, reportId, $"media-{i}.jpg", new ForwardOnlyStream(bytes), Ct);
            Assert.True(upload.Succeeded, upload.Failure?.Description);
            Assert.Equal(Md5(bytes), upload.Value!.LocalMd5);
            Assert.Equal(upload.Value.LocalMd5, upload.Value.NcmecMd5);
            Assert.Equal(bytes.Length, upload.Value.Bytes);
            var info = await client.FileInfoAsync(credentials, CyberTipSamples.FileDetails(reportId, upload.Value.FileId), Ct);
            Assert.True(info.Succeeded, info.Failure?.Description);
            uploaded.Add(upload.Value);
        }

        var finish = await client.FinishAsync(credentials, reportId, Ct);

        Assert.True(finish.Succeeded, finish.Failure?.Description);
        Assert.False(finish.Value!.AlreadyFinished);
        Assert.Equal(uploaded.Select(u => u.FileId), finish.Value.FileIds);
        Assert.Contains("<reportDoneResponse>", finish.Value.ReceiptXml, StringComparison.Ordinal);
        var report = Assert.Single(fake.Reports);
        Assert.Equal(FakeReportState.Finished, report.State);
        Assert.Equal(1, report.FinishedCount);
        Assert.Equal(uploaded.Select(u => u.LocalMd5), report.Files.Select(f => f.Md5));
        Assert.All(report.Files, f => Assert.NotNull(f.FileDetailsXml));
        var expected = Enumerable.Range(0, fileCount).SelectMany(_ => UploadAndDescribe).Prepend("/submit").Append("/finish");
        Assert.Equal(expected, fake.Endpoints);
        Assert.All(fake.Calls.Where(c => c.Path is "/submit" or "/fileinfo"), c => Assert.Equal("text/xml; charset=utf-8", c.ContentType));
        Assert.All(fake.Calls.Where(c => c.Path == "/upload"), c => Assert.Equal(reportId, c.Form["id"]));
        Assert.Equal("multipart", fake.Calls.Single(c => c.Path == "/finish").Form["(encoding)"]);
    }

    [Fact]
    public async Task Status_checks_the_credentials_and_a_wrong_password_is_a_credential_failure_that_opens_nothing()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();

        var status = await client.StatusAsync(fake.Credentials(), Ct);
        var wrongStatus = await client.StatusAsync(fake.Credentials(password: "wrong"), Ct);
        var wrongSubmit = await client.SubmitAsync(fake.Credentials(password: "wrong"), CyberTipSamples.Report(), Ct);
        fake.AuthFailureAsXml = true;
        var wrongXml = await client.SubmitAsync(fake.Credentials(password: "wrong"), CyberTipSamples.Report(), Ct);

        Assert.True(status.Succeeded);
        Assert.StartsWith("Remote User : coop-esp", status.Value, StringComparison.Ordinal);
        Assert.Equal(CyberTipFailureKind.Credential, wrongStatus.Failure!.Kind);
        Assert.Equal(401, wrongSubmit.Failure!.HttpStatus);
        Assert.Equal(CyberTipFailureKind.Credential, wrongSubmit.Failure.Kind);
        Assert.Equal((CyberTipFailureKind.Credential, 2000), (wrongXml.Failure!.Kind, wrongXml.Failure.ResponseCode));
        Assert.Empty(fake.Reports);
        Assert.DoesNotContain(fake.Password, wrongSubmit.Failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_submission_rights_is_a_credential_failure()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        fake.CanSubmit = false;

        var submit = await CyberTipSamples.Client().SubmitAsync(fake.Credentials(), CyberTipSamples.Report(), Ct);

        Assert.Equal((CyberTipFailureKind.Credential, 3100, 403), (submit.Failure!.Kind, submit.Failure.ResponseCode, submit.Failure.HttpStatus));
    }

    [Fact]
    public async Task A_report_with_swapped_incident_summary_children_is_refused_with_4100_as_a_validation_failure()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var xml = Encoding.UTF8.GetString(CyberTipXml.WriteReport(CyberTipSamples.Report()));
        var type = xml[xml.IndexOf("<incidentType>", StringComparison.Ordinal)..(xml.IndexOf("</incidentType>", StringComparison.Ordinal) + "</incidentType>".Length)];
        var date = xml[xml.IndexOf("<incidentDateTime>", StringComparison.Ordinal)..(xml.IndexOf("</incidentDateTime>", StringComparison.Ordinal) + "</incidentDateTime>".Length)];
        var swapped = xml.Replace(type, "@@TYPE@@", StringComparison.Ordinal).Replace(date, type, StringComparison.Ordinal).Replace("@@TYPE@@", date, StringComparison.Ordinal);

        var outcome = await client.SubmitRawAsync(fake.Credentials(), Encoding.UTF8.GetBytes(swapped), Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal((CyberTipFailureKind.Validation, 400, 4100), (outcome.Failure!.Kind, outcome.Failure.HttpStatus, outcome.Failure.ResponseCode));
        Assert.StartsWith("/submit: HTTP 400, responseCode 4100: Validation failed [", outcome.Failure.Description, StringComparison.Ordinal);
        Assert.True(outcome.Failure.Description.Length <= CyberTiplineClient.DescriptionMaxLength);
        Assert.Contains("cvc-complex-type.2.4.a: Invalid content was found starting with element 'incidentDateTime'", fake.Calls.Single().ResponseDescription, StringComparison.Ordinal);
        Assert.Empty(fake.Reports);
    }

    [Fact]
    public async Task File_details_with_two_ip_capture_events_get_the_error_exttest_gave_coop()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        var fileId = (await client.UploadAsync(credentials, reportId, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(1000, 1)), Ct)).Value!.FileId;
        var xml = Encoding.UTF8.GetString(CyberTipXml.WriteFileDetails(CyberTipSamples.FileDetails(reportId, fileId)));
        var ip = xml[xml.IndexOf("<ipCaptureEvent>", StringComparison.Ordinal)..(xml.IndexOf("</ipCaptureEvent>", StringComparison.Ordinal) + "</ipCaptureEvent>".Length)];
        var twice = xml.Replace(ip, ip + ip, StringComparison.Ordinal);

        var outcome = await client.FileInfoRawAsync(credentials, Encoding.UTF8.GetBytes(twice), Ct);
        var proper = await client.FileInfoAsync(credentials, CyberTipSamples.FileDetails(reportId, fileId), Ct);

        Assert.Equal((CyberTipFailureKind.Validation, 4100), (outcome.Failure!.Kind, outcome.Failure.ResponseCode));
        Assert.Contains(
            "cvc-complex-type.2.4.a: Invalid content was found starting with element 'ipCaptureEvent'. One of '{deviceId, details, additionalInfo}' is expected.",
            fake.Calls.Single(c => c.Path == "/fileinfo" && c.ResponseCode == 4100).ResponseDescription, StringComparison.Ordinal);
        Assert.True(proper.Succeeded, proper.Failure?.Description);
    }

    [Fact]
    public async Task A_server_error_on_an_upload_is_transient_and_uploading_again_to_the_same_report_succeeds()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        var bytes = CyberTipSamples.SyntheticFile(50_000, 7);
        fake.AddFault(FakeCyberTipFault.Fail("/upload", 500, 1111, onCall: 1));

        var failed = await client.UploadAsync(credentials, reportId, "a.jpg", new ForwardOnlyStream(bytes), Ct);
        var retried = await client.UploadAsync(credentials, reportId, "a.jpg", new ForwardOnlyStream(bytes), Ct);
        var finish = await client.FinishAsync(credentials, reportId, Ct);

        Assert.Equal((CyberTipFailureKind.Transient, 500, 1111), (failed.Failure!.Kind, failed.Failure.HttpStatus, failed.Failure.ResponseCode));
        Assert.True(retried.Succeeded, retried.Failure?.Description);
        Assert.True(finish.Succeeded);
        var report = Assert.Single(fake.Reports);
        Assert.Equal(retried.Value!.FileId, Assert.Single(report.Files).FileId);
        Assert.Equal(["/submit", "/upload", "/upload", "/finish"], fake.Endpoints);
    }

    [Fact]
    public async Task A_retracted_report_refuses_uploads_and_retracting_it_again_is_still_success()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;

        var retract = await client.RetractAsync(credentials, reportId, Ct);
        var upload = await client.UploadAsync(credentials, reportId, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(100, 2)), Ct);
        var again = await client.RetractAsync(credentials, reportId, Ct);
        var finish = await client.FinishAsync(credentials, reportId, Ct);

        Assert.True(retract.Succeeded);
        Assert.Equal(FakeReportState.Retracted, fake.Report(reportId)!.State);
        Assert.Equal((CyberTipFailureKind.ReportGone, 5101), (upload.Failure!.Kind, upload.Failure.ResponseCode));
        Assert.True(again.Succeeded);
        Assert.False(finish.Succeeded);
        Assert.Empty(fake.Report(reportId)!.Files);
        Assert.Equal(0, fake.FinishedCount(reportId));
    }

    [Fact]
    public async Task A_lost_finish_response_is_ambiguous_and_finishing_again_says_already_finished_with_one_filed_report()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        fake.AddFault(FakeCyberTipFault.LoseResponse("/finish"));

        var lost = await client.FinishAsync(credentials, reportId, Ct);
        var again = await client.FinishAsync(credentials, reportId, Ct);

        Assert.Equal(CyberTipFailureKind.Ambiguous, lost.Failure!.Kind);
        Assert.True(again.Succeeded, again.Failure?.Description);
        Assert.True(again.Value!.AlreadyFinished);
        Assert.Equal(1, fake.FinishedCount(reportId));
        Assert.Single(fake.Reports, r => r.State == FakeReportState.Finished);
        Assert.True(fake.Calls[1].ResponseDropped);
    }

    [Fact]
    public async Task A_finish_that_times_out_is_ambiguous_and_a_submit_that_times_out_is_transient()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client(timeout: TimeSpan.FromMilliseconds(400));
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        fake.AddFault(FakeCyberTipFault.Slow("/finish", TimeSpan.FromSeconds(3)));
        fake.AddFault(FakeCyberTipFault.Slow("/submit", TimeSpan.FromSeconds(3)));

        var finish = await client.FinishAsync(credentials, reportId, Ct);
        var submit = await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct);

        Assert.Equal(CyberTipFailureKind.Ambiguous, finish.Failure!.Kind);
        Assert.Equal(CyberTipFailureKind.Transient, submit.Failure!.Kind);
        Assert.Contains("no answer within", submit.Failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_expiry_window_the_report_is_gone_but_an_upload_late_in_the_window_extends_it_by_an_hour()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var expiring = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        var extended = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;

        fake.Clock.Advance(TimeSpan.FromHours(23.5));
        Assert.True((await client.UploadAsync(credentials, extended, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(500, 3)), Ct)).Succeeded);
        fake.Clock.Advance(TimeSpan.FromHours(0.9));
        var gone = await client.FinishAsync(credentials, expiring, Ct);
        var stillOpen = await client.FinishAsync(credentials, extended, Ct);

        Assert.Equal((CyberTipFailureKind.ReportGone, 5001), (gone.Failure!.Kind, gone.Failure.ResponseCode));
        Assert.Equal(FakeReportState.Expired, fake.Report(expiring)!.State);
        Assert.True(stillOpen.Succeeded, stillOpen.Failure?.Description);
    }

    [Fact]
    public async Task A_response_with_a_doctype_is_refused_and_its_entity_never_expanded()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        fake.AddFault(FakeCyberTipFault.Doctype("/status"));
        fake.AddFault(FakeCyberTipFault.Doctype("/finish"));
        var credentials = fake.Credentials();

        var status = await client.StatusAsync(credentials, Ct);
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        var finish = await client.FinishAsync(credentials, reportId, Ct);

        Assert.Equal(CyberTipFailureKind.Transient, status.Failure!.Kind);
        Assert.Contains("document type declaration", status.Failure.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("ENTITY-EXPANDED", status.Failure.Description, StringComparison.Ordinal);
        Assert.Equal(CyberTipFailureKind.Ambiguous, finish.Failure!.Kind);
    }

    [Fact]
    public async Task An_html_gateway_page_is_a_transient_failure()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        fake.AddFault(FakeCyberTipFault.Gateway("/submit"));

        var submit = await CyberTipSamples.Client().SubmitAsync(fake.Credentials(), CyberTipSamples.Report(), Ct);

        Assert.Equal((CyberTipFailureKind.Transient, 502), (submit.Failure!.Kind, submit.Failure.HttpStatus));
        Assert.DoesNotContain("Bad Gateway", submit.Failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_md5_that_differs_from_the_bytes_sent_is_a_transient_failure()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var reportId = (await client.SubmitAsync(fake.Credentials(), CyberTipSamples.Report(), Ct)).Value!;
        fake.AddFault(FakeCyberTipFault.WrongMd5());

        var upload = await client.UploadAsync(fake.Credentials(), reportId, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(4000, 4)), Ct);

        Assert.Equal(CyberTipFailureKind.Transient, upload.Failure!.Kind);
        Assert.Contains("MD5", upload.Failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_validator_refuses_a_report_without_reporter_email_and_nothing_reaches_ncmec()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();

        var submit = await client.SubmitAsync(fake.Credentials(), CyberTipSamples.Report(reporterEmail: ""), Ct);
        var details = await client.FileInfoAsync(
            fake.Credentials(), CyberTipSamples.FileDetails("900000001", "abc") with { ExifViewedByEsp = true, FileViewedByEsp = false }, Ct);

        Assert.Equal(CyberTipFailureKind.RejectedLocally, submit.Failure!.Kind);
        Assert.Contains("The reporter email is missing: set it in Settings → Child Safety.", submit.Failure.Description, StringComparison.Ordinal);
        Assert.Equal(CyberTipFailureKind.RejectedLocally, details.Failure!.Kind);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task The_capture_folder_receives_every_xml_document_sent()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cybertip-capture-").FullName;
        try
        {
            fake.CaptureDirectory = dir;
            var client = CyberTipSamples.Client();
            var credentials = fake.Credentials();
            var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
            var fileId = (await client.UploadAsync(credentials, reportId, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(100, 5)), Ct)).Value!.FileId;
            await client.FileInfoAsync(credentials, CyberTipSamples.FileDetails(reportId, fileId), Ct);

            var files = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(["00001-submit.xml", "00003-fileinfo.xml"], files);
            Assert.Contains("<report><incidentSummary>", File.ReadAllText(Path.Combine(dir, files[0])), StringComparison.Ordinal);
            Assert.Contains($"<fileId>{fileId}</fileId>", File.ReadAllText(Path.Combine(dir, files[1])), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_client_registered_in_the_container_talks_to_the_fake()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        // The client is behind the outbound guard, so the loopback fake has to be allowed.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CyberTipline:Timeout"] = "00:00:05",
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddOutboundHttp(configuration).AddCyberTipline(configuration)
            .Replace(ServiceDescriptor.Singleton<IOutboundAllowListSource, NoOrganizationAllowList>()); // no database here: no organization adds to the list
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var client = provider.GetRequiredService<ICyberTiplineClient>();
        var status = await client.StatusAsync(fake.Credentials(), Ct);

        Assert.IsType<CyberTiplineClient>(client);
        Assert.True(status.Succeeded, status.Failure?.Description);
    }

    private sealed class NoOrganizationAllowList : IOutboundAllowListSource
    {
        public ValueTask<(IReadOnlyList<System.Net.IPNetwork> Networks, IReadOnlySet<string> Hosts)> GetAsync(string organizationId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<(IReadOnlyList<System.Net.IPNetwork>, IReadOnlySet<string>)>(([], new HashSet<string>()));

        public void Invalidate(string organizationId)
        {
        }
    }
}
