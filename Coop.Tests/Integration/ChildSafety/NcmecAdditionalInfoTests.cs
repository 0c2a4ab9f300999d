using System.Text.Json;
using System.Xml.Linq;
using Coop.Domain.ChildSafety;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Web.Features.ChildSafety.Pipeline;
using Coop.Web.Features.ChildSafety.Settings;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// The additional-info webhook: asked once per submission before <c>/submit</c>, signed with the org's key, through the
/// guarded outbound client (a real loopback <see cref="WebhookReceiver"/> that verifies the signature); its answer is
/// validated and merged into the report and the files' details.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NcmecAdditionalInfoTests
{
    private const string Path = "/additional-info";

    private static async Task ConfigureWithWebhookAsync(NcmecScenario s)
    {
        var values = NcmecScenario.Values() with { AdditionalInfoWebhookUrl = s.Receiver.UrlFor(Path).ToString() };
        await s.SaveAsync(new SaveNcmecSettingsCommand(values,
            new NcmecCredentialChange(s.Tipline.Username, s.Tipline.Password), new NcmecCredentialChange(s.Tipline.Username, s.Tipline.Password)));
    }

    private static void Answer(NcmecScenario s, string json) =>
        s.Receiver.RespondWith = request => request.Path == Path ? json : "{}";

    private static List<ReceivedWebhook> Calls(NcmecScenario s) => [.. s.Receiver.Requests.Where(r => r.Path == Path)];

    private static XElement Xml(string document) => XDocument.Parse(document).Root!;

    /// <summary>The <c>personOrUserReported</c> element of the report XML the fake CyberTipline received.</summary>
    private static XElement ReportedUser(FakeCyberTipReport report) => Assert.IsType<XElement>(Xml(report.ReportXml).Element("personOrUserReported"));

    private static IEnumerable<string> Values(XElement element, string name) => element.Elements(name).Select(e => e.Value);

    [Fact]
    public async Task The_webhook_is_asked_once_signed_and_its_answer_fills_the_report_with_one_ip_event_per_file_missing_media_left_out_and_extra_files_supplemental()
    {
        await using var s = await NcmecScenario.StartAsync();
        await ConfigureWithWebhookAsync(s);
        Answer(s, $$"""
            {
              "users": [ { "id": "user-1", "typeId": "user", "screenName": "sunny_day_42",
                           "email": [ { "email": "sunny@platform.example", "type": "Work", "verified": true, "verificationDate": "2026-01-02T03:04:05Z" } ],
                           "ipCaptureEvent": [ { "ipAddress": "203.0.113.9", "eventName": "Login", "dateTime": "2026-11-01T10:00:00Z" } ] } ],
              "media": [
                { "id": "post-0", "typeId": "post", "fileName": "holiday-original.jpg", "publiclyAvailable": true,
                  "additionalInfo": ["Posted in a public group."],
                  "ipCaptureEvent": [ { "ipAddress": "198.51.100.7", "eventName": "Upload", "dateTime": "2026-11-01T11:00:00Z" },
                                      { "ipAddress": "198.51.100.8", "eventName": "Other" } ],
                  "fileDetails": { "hash": "{{new string('b', 64)}}", "hashType": "SHA256" } },
                { "id": "post-1", "typeId": "post" },
                { "id": "post-2", "typeId": "post", "missing": true }
              ],
              "additionalFiles": [ { "fileUrl": "{{s.Images.UrlFor("c.jpg")}}", "fileName": "profile-export.jpg", "additionalInfo": ["The user's profile picture."] } ],
              "additionalInfo": "Account created 2025-12-01."
            }
            """);
        var id = await s.SubmitAsync(NcmecEnvironment.Test);
        // The first upload fails once: the next run goes on from the stored state without asking the webhook again.
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/upload", 503, null));

        await s.RunJobAsync();
        var stopped = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Opened, stopped.State);
        Assert.NotNull(stopped.AdditionalInfoJson);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        var call = Assert.Single(Calls(s));
        Assert.True(call.SignatureValid);
        Assert.Equal(200, call.AnsweredStatus);
        using (var body = JsonDocument.Parse(call.Body))
        {
            var user = Assert.Single(body.RootElement.GetProperty("users").EnumerateArray());
            Assert.Equal(("user-1", "user"), (user.GetProperty("id").GetString(), user.GetProperty("typeId").GetString()));
            Assert.Equal(["post-0", "post-1", "post-2"], body.RootElement.GetProperty("media").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
            Assert.All(body.RootElement.GetProperty("media").EnumerateArray(), m => Assert.Equal("post", m.GetProperty("typeId").GetString()));
        }

        var report = Assert.Single(s.Tipline.Reports);
        Assert.Equal(1, s.Count("/submit"));
        var reported = ReportedUser(report);
        Assert.Equal(["sunny_day_42"], Values(reported, "screenName"));
        var email = Assert.Single(reported.Elements("personOrUserReportedPerson").Elements("email"));
        Assert.Equal<(string, string?, string?)>(("sunny@platform.example", "Work", "true"), (email.Value, (string?)email.Attribute("type"), (string?)email.Attribute("verified")));
        Assert.Equal(["203.0.113.9"], reported.Elements("ipCaptureEvent").Select(e => e.Element("ipAddress")?.Value));
        Assert.Equal(["Reviewer note.\n\nAccount created 2025-12-01."], Values(Xml(report.ReportXml), "additionalInfo"));

        // c.jpg (post-2) is missing: not uploaded. The webhook's extra file comes last, as Supplemental Reported.
        Assert.Equal(["holiday-original.jpg", "b.png", "profile-export.jpg"], report.Files.Select(f => f.FileName));
        var details = report.Files.Select(f => Xml(Assert.IsType<string>(f.FileDetailsXml))).ToList();
        Assert.Equal(report.Files.Select(f => f.FileId), details.Select(d => d.Element("fileId")?.Value));
        Assert.Equal(["holiday-original.jpg"], Values(details[0], "originalFileName"));
        Assert.Equal(["true"], Values(details[0], "publiclyAvailable"));
        Assert.Equal(["192.0.2.10"], details[0].Elements("ipCaptureEvent").Select(e => e.Element("ipAddress")?.Value));
        var info0 = Values(details[0], "additionalInfo").ToList();
        Assert.Contains("Posted in a public group.", info0);
        Assert.Contains(info0, i => i.StartsWith("Further IP capture event: 198.51.100.7", StringComparison.Ordinal) && i.Contains("(Upload)", StringComparison.Ordinal));
        Assert.Contains(info0, i => i.StartsWith("Further IP capture event: 198.51.100.8", StringComparison.Ordinal));
        var hashes0 = details[0].Elements("originalFileHash").Select(h => ((string?)h.Attribute("hashType"), h.Value)).ToList();
        Assert.Contains(hashes0, h => h.Item1 == "SHA256" && h.Item2 == new string('b', 64));
        Assert.Contains(hashes0, h => h.Item1 == "MD5");
        Assert.Null(details[1].Element("publiclyAvailable"));
        Assert.Empty(details[1].Elements("additionalInfo"));
        Assert.Equal(["Reported"], Values(details[1], "fileRelevance"));
        Assert.Equal(["Supplemental Reported"], Values(details[2], "fileRelevance"));
        Assert.Null(details[2].Element("industryClassification"));
        Assert.Equal(["The user's profile picture."], Values(details[2], "additionalInfo"));
        Assert.Equal(1, s.Images.Hits["c.jpg"]);
    }

    [Fact]
    public async Task An_answer_without_an_entry_for_every_medium_fails_the_submission_in_words_and_nothing_is_filed()
    {
        await using var s = await NcmecScenario.StartAsync();
        await ConfigureWithWebhookAsync(s);
        Answer(s, """
            { "users": [ { "id": "user-1", "typeId": "user", "screenName": "x" } ],
              "media": [ { "id": "post-0", "typeId": "post" }, { "id": "post-2", "typeId": "post" } ] }
            """);
        var id = await s.SubmitAsync(NcmecEnvironment.Test);

        await s.RunJobAsync();
        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal(NcmecSubmissionProcessor.ValidationKind, failed.FailureKind);
        Assert.Contains("incomplete or invalid answer", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("no media[] entry for 1 reported item(s): post/post-1", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.AdditionalInfoJson);
        Assert.Null(failed.ReportId);
        Assert.Equal(0, s.Count("/submit"));
        Assert.Single(Calls(s));

        // The reviewer sees it on the reports page, in the same words.
        var listed = (await s.ListAsync()).Submissions.Single(x => x.Id == id);
        Assert.Contains("post/post-1", listed.LastError, StringComparison.Ordinal);
        Assert.True(listed.CanRetry);
    }

    [Fact]
    public async Task An_answer_without_the_reported_user_or_that_is_not_json_fails_as_validation()
    {
        await using var s = await NcmecScenario.StartAsync();
        await ConfigureWithWebhookAsync(s);
        Answer(s, """{ "users": [ { "id": "someone-else", "typeId": "user" } ], "media": [ { "id": "post-0", "typeId": "post" } ] }""");
        var noUser = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        await s.RunJobAsync();
        Answer(s, "<html>not json</html>");
        var notJson = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        await s.RunJobAsync();

        var first = await s.LoadAsync(noUser);
        var second = await s.LoadAsync(notJson);
        Assert.Equal((NcmecSubmissionState.Failed, "Validation"), (first.State, first.FailureKind));
        Assert.Contains("no users[] entry for the reported user user/user-1", first.LastError, StringComparison.Ordinal);
        Assert.Equal((NcmecSubmissionState.Failed, "Validation"), (second.State, second.FailureKind));
        Assert.Contains("it is not JSON", second.LastError, StringComparison.Ordinal);
        Assert.Equal(0, s.Count("/submit"));
    }

    [Fact]
    public async Task When_every_medium_is_missing_the_submission_fails_permanently_and_nothing_is_filed()
    {
        await using var s = await NcmecScenario.StartAsync();
        await ConfigureWithWebhookAsync(s);
        Answer(s, """
            { "users": [ { "id": "user-1", "typeId": "user" } ],
              "media": [ { "id": "post-0", "typeId": "post", "missing": true }, { "id": "post-1", "typeId": "post", "missing": true } ] }
            """);
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 2));

        await s.RunJobAsync();
        await s.RunJobAsync();

        var failed = await s.LoadAsync(id);
        Assert.Equal(NcmecSubmissionState.Failed, failed.State);
        Assert.Equal(NcmecSubmissionProcessor.AllMediaMissingKind, failed.FailureKind);
        Assert.Contains("every reported file is missing", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("nothing was filed", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(0, s.Count("/submit"));
        Assert.Equal(0, s.Count("/upload"));
        Assert.Equal(0, s.Images.Hits.Values.Sum());
        Assert.Single(Calls(s));
    }

    [Fact]
    public async Task A_webhook_that_fails_is_retried_later_and_without_a_webhook_the_screen_name_is_the_user_id()
    {
        await using var s = await NcmecScenario.StartAsync();
        await ConfigureWithWebhookAsync(s);
        Answer(s, """{ "users": [ { "id": "user-1", "typeId": "user" } ], "media": [ { "id": "post-0", "typeId": "post" } ] }""");
        s.Receiver.FailNext(1);
        var id = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));

        await s.RunJobAsync();
        var waiting = await s.LoadAsync(id);
        await s.RunJobAsync();
        var done = await s.LoadAsync(id);

        Assert.Equal(NcmecSubmissionState.Pending, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("The additional-info webhook answered HTTP 500", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(NcmecSubmissionState.Done, done.State);
        Assert.Equal(2, Calls(s).Count);
        Assert.Equal(["user-1"], Values(ReportedUser(Assert.Single(s.Tipline.Reports)), "screenName"));

        // Without a webhook: nothing is called and the screen name falls back to the user id.
        await s.ConfigureAsync(preservation: false);
        var plain = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        await s.RunJobAsync();
        var filed = await s.LoadAsync(plain);
        Assert.Equal(NcmecSubmissionState.Done, filed.State);
        Assert.Null(filed.AdditionalInfoJson);
        Assert.Equal(2, Calls(s).Count);
        var second = ReportedUser(s.ReportAt(filed.ReportId!));
        Assert.Equal(["user-1"], Values(second, "screenName"));
        Assert.Empty(second.Descendants("email"));
    }
}
