using Coop.Domain.ChildSafety;
using Coop.Infrastructure.ChildSafety;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The project's own checks before sending: required fields, business rules, lengths, in words a reviewer can act on.</summary>
[Trait("Category", "Unit")]
public sealed class CyberTipReportValidatorTests
{
    private static readonly CyberTipReportValidator Validator = new();

    private static DateTimeOffset Now => CyberTipSamples.Now;

    [Fact]
    public void A_complete_report_and_file_details_pass()
    {
        Assert.Empty(Validator.Validate(CyberTipSamples.Report(escalation: "Imminent danger"), Now));
        Assert.Empty(Validator.Validate(CyberTipSamples.FileDetails("900000001", "0a1b"), Now));
        Assert.Empty(Validator.Validate(CyberTipSamples.FileDetails("900000001", "0a1b", CyberTipFileRelevance.SupplementalReported), Now));
    }

    [Theory]
    [InlineData("", "The reporter email is missing: set it in Settings → Child Safety.")]
    [InlineData("   ", "The reporter email is missing: set it in Settings → Child Safety.")]
    [InlineData("not-an-email", "The reporter email is not a valid email address")]
    [InlineData("a b@example.org", "The reporter email is not a valid email address")]
    public void The_reporter_email_is_required_and_well_formed(string email, string expected)
    {
        var problems = Validator.Validate(CyberTipSamples.Report(reporterEmail: email), Now);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_reporter_email_longer_than_255_or_with_a_local_part_over_64_is_refused()
    {
        Assert.NotEmpty(Validator.Validate(CyberTipSamples.Report(reporterEmail: new string('a', 65) + "@example.org"), Now));
        Assert.NotEmpty(Validator.Validate(CyberTipSamples.Report(reporterEmail: "a@" + new string('b', 250) + ".org"), Now));
        Assert.Empty(Validator.Validate(CyberTipSamples.Report(reporterEmail: new string('a', 64) + "@example.org"), Now));
    }

    [Fact]
    public void The_incident_date_must_be_in_the_past()
    {
        var report = CyberTipSamples.Report();
        var future = report with { IncidentSummary = report.IncidentSummary with { IncidentDateTime = Now.AddMinutes(5) } };

        Assert.Contains("The incident date must be in the past.", Validator.Validate(future, Now));
    }

    [Fact]
    public void An_escalation_reason_must_not_be_blank_or_over_3000_characters_nor_additional_info()
    {
        Assert.Contains(Validator.Validate(CyberTipSamples.Report(escalation: "  "), Now), p => p.Contains("escalation reason is blank", StringComparison.Ordinal));
        Assert.Contains(Validator.Validate(CyberTipSamples.Report(escalation: new string('x', 3001)), Now), p => p.Contains("at most 3000", StringComparison.Ordinal));
        Assert.Empty(Validator.Validate(CyberTipSamples.Report(escalation: new string('x', 3000)), Now));
        Assert.Contains(
            Validator.Validate(CyberTipSamples.Report() with { AdditionalInfo = new string('x', 3001) }, Now),
            p => p.StartsWith("The additional information is 3001 characters long", StringComparison.Ordinal));
    }

    [Fact]
    public void Lengths_of_the_reported_user_and_settings_are_checked()
    {
        var report = CyberTipSamples.Report();
        var user = report.PersonOrUserReported! with
        {
            EspService = new string('s', 101),
            ScreenName = new string('n', 257),
            DisplayNames = [new string('d', 256)],
        };
        var reporter = report.Reporter with { TermsOfService = new string('t', 3001), LegalUrl = "https://x.example/" + new string('p', 2070) };

        var problems = Validator.Validate(report with { PersonOrUserReported = user, Reporter = reporter }, Now);

        Assert.Contains(problems, p => p.StartsWith("The service name (Settings → Child Safety) is 101 characters long", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The reported user's screen name is 257", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The reported user's display name is 256", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The terms of service", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The legal URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://platform.example/legal")]
    [InlineData("/relative/path")]
    [InlineData("javascript:alert(1)")]
    public void Urls_must_be_absolute_http_or_https(string url)
    {
        var report = CyberTipSamples.Report();

        var problems = Validator.Validate(report with { Reporter = report.Reporter with { LegalUrl = url } }, Now);

        Assert.Contains(problems, p => p.StartsWith("The legal URL (Settings → Child Safety) must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("192.0.2", false)]
    [InlineData("300.1.1.1", false)]
    [InlineData("", false)]
    [InlineData(" 192.0.2.1", false)]
    [InlineData("example.org", false)]
    public void Ip_addresses_must_be_ipv4_or_ipv6(string ip, bool valid)
    {
        var details = CyberTipSamples.FileDetails("1", "f") with { IpCaptureEvent = new CyberTipIpCaptureEvent(ip, "Upload", Now.AddDays(-1)) };

        var problems = Validator.Validate(details, Now);

        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public void Ip_events_need_a_known_event_name_a_past_time_and_a_real_port()
    {
        var report = CyberTipSamples.Report();
        var user = report.PersonOrUserReported! with
        {
            IpCaptureEvents = [new CyberTipIpCaptureEvent("192.0.2.1", "Logout", Now.AddDays(1), Port: 70000)],
        };

        var problems = Validator.Validate(report with { PersonOrUserReported = user }, Now);

        Assert.Contains(problems, p => p.Contains("has the event \"Logout\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("capture time in the future", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("port 70000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_verification_date_needs_verified_true_and_a_known_email_type()
    {
        var report = CyberTipSamples.Report();
        var user = report.PersonOrUserReported! with { Emails = [new CyberTipEmail("u@example.net", "Personal", false, Now.AddDays(-1))] };

        var problems = Validator.Validate(report with { PersonOrUserReported = user }, Now);

        Assert.Contains(problems, p => p.Contains("not marked verified", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be Home, Work, Business or Recovery", StringComparison.Ordinal));
    }

    [Fact]
    public void Exif_viewed_requires_the_file_viewed()
    {
        var details = CyberTipSamples.FileDetails("1", "f") with { ExifViewedByEsp = true, FileViewedByEsp = null };

        Assert.Contains(Validator.Validate(details, Now), p => p.Contains("NCMEC requires the file to be viewed too", StringComparison.Ordinal));
        Assert.Empty(Validator.Validate(details with { FileViewedByEsp = true }, Now));
    }

    [Fact]
    public void A_supplemental_file_carries_no_classification_and_no_potential_meme()
    {
        var details = CyberTipSamples.FileDetails("1", "f") with
        {
            FileRelevance = CyberTipFileRelevance.SupplementalReported,
            Annotations = NcmecFileAnnotations.PotentialMeme,
            IndustryClassification = NcmecIndustryClassification.A1,
        };

        var problems = Validator.Validate(details, Now);

        Assert.Contains(problems, p => p.StartsWith("A supplemental file cannot carry an industry classification", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("A supplemental file cannot be annotated as a potential meme", StringComparison.Ordinal));
    }

    [Fact]
    public void Hash_types_are_required_and_at_most_64_characters_and_ids_must_be_present()
    {
        var details = CyberTipSamples.FileDetails("not-a-number", " ") with
        {
            OriginalFileHashes = [new CyberTipFileHash("", "abc"), new CyberTipFileHash(new string('h', 65), "abc"), new CyberTipFileHash("MD5", " ")],
            OriginalFileName = new string('n', 2057),
        };

        var problems = Validator.Validate(details, Now);

        Assert.Contains("A file hash has no hash type (e.g. MD5, SHA256, PDQ).", problems);
        Assert.Contains("A file hash type is 65 characters long; NCMEC accepts at most 64.", problems);
        Assert.Contains("The MD5 file hash is empty.", problems);
        Assert.Contains("The file details carry no valid NCMEC report id.", problems);
        Assert.Contains("The file details carry no NCMEC file id.", problems);
        Assert.Contains(problems, p => p.StartsWith("The original file name is 2057", StringComparison.Ordinal));
    }
}
