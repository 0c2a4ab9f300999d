using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coop.Infrastructure.ChildSafety;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Fakes.CyberTipline;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The fake CyberTipline's own judgement of documents and requests (raw HTTP, no product code in the way).</summary>
[Trait("Category", "Integration")]
public sealed class FakeCyberTiplineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Valid => Encoding.UTF8.GetString(CyberTipXml.WriteReport(CyberTipSamples.Report()));

    [Fact]
    public async Task An_incident_type_outside_the_enumeration_is_refused()
    {
        await using var fake = await FakeCyberTipline.StartAsync();

        var (status, body) = await PostXmlAsync(fake, "submit", Valid.Replace("Child Sex Tourism", "Something Else", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<responseCode>4100</responseCode>", body, StringComparison.Ordinal);
        Assert.Contains("cvc-enumeration-valid: Value 'Something Else'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_future_incident_date_or_one_without_a_zone_breaks_business_rules()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var xml = Valid;
        var start = xml.IndexOf("<incidentDateTime>", StringComparison.Ordinal) + "<incidentDateTime>".Length;
        var date = xml[start..xml.IndexOf("</incidentDateTime>", StringComparison.Ordinal)];

        var (_, future) = await PostXmlAsync(fake, "submit", xml.Replace(date, CyberTipXml.FormatDateTime(fake.Clock.GetUtcNow().AddDays(1)), StringComparison.Ordinal));
        var (_, zoneless) = await PostXmlAsync(fake, "submit", xml.Replace(date, date.TrimEnd('Z'), StringComparison.Ordinal));

        Assert.Contains("incidentDateTime must be in the past.", future, StringComparison.Ordinal);
        Assert.Contains("incidentDateTime must carry a time zone.", zoneless, StringComparison.Ordinal);
        Assert.Empty(fake.Reports);
    }

    [Fact]
    public async Task A_presence_flag_written_false_and_an_attribute_as_a_child_element_are_schema_errors()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var flagged = Valid.Replace("<incidentDateTime>", "<reportAnnotations><spam>false</spam></reportAnnotations><incidentDateTime>", StringComparison.Ordinal);
        var childAttribute = Valid.Replace("<webPageIncident>", "<webPageIncident><thirdPartyHostedContent>true</thirdPartyHostedContent>", StringComparison.Ordinal);

        var (_, flag) = await PostXmlAsync(fake, "submit", flagged);
        var (_, attribute) = await PostXmlAsync(fake, "submit", childAttribute);

        Assert.Contains("does not match the {value constraint} value 'true'", flag, StringComparison.Ordinal);
        Assert.Contains("Invalid content was found starting with element 'thirdPartyHostedContent'", attribute, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doctype_in_a_request_is_malformed_xml_and_a_wrong_content_type_is_an_invalid_request()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var xml = Valid;
        var hostile = "<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..];

        var (_, doctype) = await PostXmlAsync(fake, "submit", hostile);
        var (_, json) = await PostXmlAsync(fake, "submit", xml, "application/json");

        Assert.Contains("<responseCode>4110</responseCode>", doctype, StringComparison.Ordinal);
        Assert.Contains("<responseCode>4000</responseCode>", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_details_go_once_per_known_file_and_finish_accepts_an_urlencoded_id()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        var client = CyberTipSamples.Client();
        var credentials = fake.Credentials();
        var reportId = (await client.SubmitAsync(credentials, CyberTipSamples.Report(), Ct)).Value!;
        var fileId = (await client.UploadAsync(credentials, reportId, "a.jpg", new MemoryStream(CyberTipSamples.SyntheticFile(64, 9)), Ct)).Value!.FileId;
        var details = Encoding.UTF8.GetString(CyberTipXml.WriteFileDetails(CyberTipSamples.FileDetails(reportId, fileId)));

        var (first, _) = await PostXmlAsync(fake, "fileinfo", details);
        var (_, second) = await PostXmlAsync(fake, "fileinfo", details);
        var (_, unknown) = await PostXmlAsync(fake, "fileinfo", details.Replace(fileId, "ffff", StringComparison.Ordinal));
        using var http = Http(fake);
        using var finish = await http.PostAsync("finish", new FormUrlEncodedContent([new("id", reportId)]), Ct);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Contains("<responseCode>4000</responseCode>", second, StringComparison.Ordinal);
        Assert.Contains("<responseCode>5002</responseCode>", unknown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, finish.StatusCode);
        Assert.Equal("urlencoded", fake.Calls[^1].Form["(encoding)"]);
        Assert.Equal(FakeReportState.Finished, fake.Report(reportId)!.State);
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id_and_unknown_paths_are_404()
    {
        await using var fake = await FakeCyberTipline.StartAsync();
        using var http = Http(fake);

        using var status = await http.GetAsync("status", Ct);
        using var missing = await http.GetAsync("nothing-here", Ct);
        using var wrongMethod = await http.GetAsync("submit", Ct);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(Guid.TryParse(status.Headers.GetValues("Request-ID").Single(), out _));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>", await status.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    private static HttpClient Http(FakeCyberTipline fake)
    {
        var http = new HttpClient { BaseAddress = fake.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.Username}:{fake.Password}")));
        return http;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostXmlAsync(FakeCyberTipline fake, string path, string xml, string contentType = "text/xml")
    {
        using var http = Http(fake);
        using var content = new StringContent(xml, Encoding.UTF8, contentType);
        using var response = await http.PostAsync(path, content, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
