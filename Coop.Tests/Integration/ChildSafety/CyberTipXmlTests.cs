using System.Text;
using System.Xml.Linq;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.ChildSafety;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The report and file-details XML: the schema's element order, presence flags, dates, omissions.</summary>
[Trait("Category", "Unit")]
public sealed class CyberTipXmlTests
{
    [Fact]
    public void A_full_report_is_written_in_the_schemas_element_order()
    {
        var xml = CyberTipXml.WriteReport(CyberTipSamples.Report(escalation: "Ongoing abuse"));

        var names = Elements(xml);

        Assert.Equal(
            [
                "report",
                "incidentSummary", "incidentType", "escalateToHighPriority", "incidentDateTime",
                "internetDetails", "webPageIncident", "url",
                "reporter", "reportingPerson", "email", "contactPerson", "firstName", "lastName", "phone", "email", "companyTemplate", "termsOfService", "legalURL",
                "personOrUserReported", "personOrUserReportedPerson", "email", "espIdentifier", "espService", "screenName", "displayName",
                "ipCaptureEvent", "ipAddress", "eventName", "dateTime",
                "ipCaptureEvent", "ipAddress", "eventName", "dateTime", "possibleProxy", "port",
                "additionalInfo",
            ],
            names);
    }

    [Fact]
    public void File_details_follow_the_schema_order_with_one_ip_capture_event_and_empty_annotation_flags()
    {
        var details = CyberTipSamples.FileDetails("900000001", "abcdef") with
        {
            Annotations = NcmecFileAnnotations.GenerativeAi | NcmecFileAnnotations.AnimeDrawingVirtualHentai | NcmecFileAnnotations.Infant,
        };

        var xml = CyberTipXml.WriteFileDetails(details);
        var document = XDocument.Parse(Encoding.UTF8.GetString(xml));

        Assert.Equal(
            [
                "fileDetails", "reportId", "fileId", "originalFileName", "fileViewedByEsp", "exifViewedByEsp", "publiclyAvailable", "fileRelevance",
                "fileAnnotations", "animeDrawingVirtualHentai", "infant", "generativeAi", "industryClassification",
                "originalFileHash", "originalFileHash", "ipCaptureEvent", "ipAddress", "eventName", "dateTime", "additionalInfo",
            ],
            Elements(xml));
        Assert.Single(document.Root!.Elements("ipCaptureEvent"));
        Assert.All(document.Root.Element("fileAnnotations")!.Elements(), e => Assert.True(e.IsEmpty));
        Assert.Equal(["MD5", "SHA256"], document.Root.Elements("originalFileHash").Select(h => h.Attribute("hashType")!.Value));
        Assert.Equal("B2", document.Root.Element("industryClassification")!.Value);
    }

    [Fact]
    public void A_minimal_report_omits_every_empty_member_and_writes_dates_in_utc_with_a_zone()
    {
        var report = new CyberTipReport(
            new CyberTipIncidentSummary(NcmecIncidentType.ChildPornography, null, new DateTimeOffset(2026, 1, 2, 5, 4, 3, TimeSpan.FromHours(2))),
            null,
            new CyberTipReporter("ts@example.org", new CyberTipContactPerson(null, "", null, null), null, "", null),
            null,
            "");

        var text = Encoding.UTF8.GetString(CyberTipXml.WriteReport(report));

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><report><incidentSummary><incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>"
            + "<incidentDateTime>2026-01-02T03:04:03Z</incidentDateTime></incidentSummary><reporter><reportingPerson><email>ts@example.org</email></reportingPerson></reporter></report>",
            text);
    }

    [Fact]
    public void A_web_page_url_with_whitespace_is_left_out_and_other_internet_detail_types_are_one_empty_element()
    {
        var withSpace = CyberTipSamples.Report() with { InternetDetails = new CyberTipInternetDetails(NcmecInternetDetailType.WebPage, "https://x.example/a b") };
        var chat = CyberTipSamples.Report() with { InternetDetails = new CyberTipInternetDetails(NcmecInternetDetailType.ChatIm, "https://ignored.example") };

        var web = XDocument.Parse(Encoding.UTF8.GetString(CyberTipXml.WriteReport(withSpace))).Root!.Element("internetDetails")!;
        var im = XDocument.Parse(Encoding.UTF8.GetString(CyberTipXml.WriteReport(chat))).Root!.Element("internetDetails")!;

        Assert.True(Assert.Single(web.Elements()).IsEmpty);
        Assert.Equal("webPageIncident", web.Elements().Single().Name.LocalName);
        Assert.Equal("chatImIncident", Assert.Single(im.Elements()).Name.LocalName);
        Assert.True(im.Elements().Single().IsEmpty);
    }

    [Fact]
    public void Hostile_text_is_escaped_and_characters_xml_cannot_carry_are_dropped()
    {
        var report = CyberTipSamples.Report() with { AdditionalInfo = "<script>&\u0001\u0007 naïve 🙂 ]]>" };

        var text = Encoding.UTF8.GetString(CyberTipXml.WriteReport(report));
        var parsed = XDocument.Parse(text).Root!.Element("additionalInfo")!.Value;

        Assert.Equal("<script>& naïve 🙂 ]]>", parsed);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_is_a_reason_string_and_supplemental_relevance_has_its_schema_spelling()
    {
        var report = CyberTipXml.WriteReport(CyberTipSamples.Report(escalation: "Child in imminent danger"));
        var details = CyberTipXml.WriteFileDetails(CyberTipSamples.FileDetails("1", "f", CyberTipFileRelevance.SupplementalReported));

        Assert.Equal("Child in imminent danger", XDocument.Parse(Encoding.UTF8.GetString(report)).Root!.Element("incidentSummary")!.Element("escalateToHighPriority")!.Value);
        var root = XDocument.Parse(Encoding.UTF8.GetString(details)).Root!;
        Assert.Equal("Supplemental Reported", root.Element("fileRelevance")!.Value);
        Assert.Null(root.Element("industryClassification"));
        Assert.Null(root.Element("fileAnnotations"));
    }

    private static List<string> Elements(byte[] xml) =>
        [.. XDocument.Parse(Encoding.UTF8.GetString(xml)).Root!.DescendantsAndSelf().Select(e => e.Name.LocalName)];
}
