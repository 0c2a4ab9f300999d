namespace Coop.Domain.ChildSafety;

// The subset of NCMEC's report schema that Coop fills, as plain records. The XML writer in Coop.Infrastructure emits
// them in the schema's element order; a null or empty member is omitted. Field notes name the schema element.

/// <summary>Root of <c>POST /submit</c> (<c>&lt;report&gt;</c>).</summary>
public sealed record CyberTipReport(
    CyberTipIncidentSummary IncidentSummary,
    CyberTipInternetDetails? InternetDetails,
    CyberTipReporter Reporter,
    CyberTipReportedUser? PersonOrUserReported,
    string? AdditionalInfo);

/// <summary><c>incidentSummary</c>: type, optional escalation reason (supplying it escalates), date/time of the incident (UTC, in the past).</summary>
public sealed record CyberTipIncidentSummary(
    NcmecIncidentType IncidentType,
    string? EscalateToHighPriority,
    DateTimeOffset IncidentDateTime);

/// <summary>One <c>internetDetails</c> element of the given kind; for <see cref="NcmecInternetDetailType.WebPage"/> an optional <c>url</c>.</summary>
public sealed record CyberTipInternetDetails(NcmecInternetDetailType Type, string? WebPageUrl = null);

/// <summary><c>reporter</c>: reportingPerson/email (required), optional contact person, company template, terms of service, legal URL.</summary>
public sealed record CyberTipReporter(
    string ReportingPersonEmail,
    CyberTipContactPerson? ContactPerson,
    string? CompanyTemplate,
    string? TermsOfService,
    string? LegalUrl);

/// <summary><c>contactPerson</c>: each part optional.</summary>
public sealed record CyberTipContactPerson(string? FirstName, string? LastName, string? Phone, string? Email);

/// <summary><c>personOrUserReported</c>: the reported account.</summary>
public sealed record CyberTipReportedUser(
    IReadOnlyList<CyberTipEmail> Emails,
    string? EspIdentifier,
    string? EspService,
    string? ScreenName,
    IReadOnlyList<string> DisplayNames,
    IReadOnlyList<CyberTipIpCaptureEvent> IpCaptureEvents);

/// <summary>An <c>email</c> with its optional attributes (type Home|Work|Business|Recovery).</summary>
public sealed record CyberTipEmail(string Address, string? Type = null, bool? Verified = null, DateTimeOffset? VerificationDate = null);

/// <summary><c>ipCaptureEvent</c>: eventName one of Login|Registration|Purchase|Upload|Other|Unknown.</summary>
public sealed record CyberTipIpCaptureEvent(string IpAddress, string? EventName, DateTimeOffset? DateTime, bool? PossibleProxy = null, int? Port = null);

/// <summary>Root of <c>POST /fileinfo</c> (<c>&lt;fileDetails&gt;</c>) for one uploaded file.</summary>
public sealed record CyberTipFileDetails(
    string ReportId,
    string FileId,
    string? OriginalFileName,
    bool? FileViewedByEsp,
    bool? ExifViewedByEsp,
    bool? PubliclyAvailable,
    CyberTipFileRelevance? FileRelevance,
    NcmecFileAnnotations Annotations,
    NcmecIndustryClassification? IndustryClassification,
    IReadOnlyList<CyberTipFileHash> OriginalFileHashes,
    CyberTipIpCaptureEvent? IpCaptureEvent,
    IReadOnlyList<string> AdditionalInfo);

/// <summary><c>fileRelevance</c>: Reported (motivates the report) or Supplemental Reported (context).</summary>
public enum CyberTipFileRelevance
{
    Reported = 0,
    SupplementalReported = 1,
}

/// <summary><c>originalFileHash</c> with its required <c>hashType</c> attribute (e.g. MD5, SHA256, PDQ).</summary>
public sealed record CyberTipFileHash(string HashType, string Value);
