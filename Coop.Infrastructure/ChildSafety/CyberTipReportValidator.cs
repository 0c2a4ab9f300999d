using System.Net;
using Coop.Domain.ChildSafety;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>
/// The project's own checks before anything is sent to NCMEC: the structural limits of the schema and NCMEC's
/// business rules (required reporter email, dates in the past, lengths, URLs, IP addresses, file-detail rules).
/// Messages say what is wrong and where to fix it.
/// </summary>
public sealed class CyberTipReportValidator : ICyberTipReportValidator
{
    public const int UrlMaxLength = 2083;
    public const int EmailMaxLength = 255;
    public const int EmailLocalPartMaxLength = 64;

    public static readonly IReadOnlySet<string> IpEventNames =
        new HashSet<string>(["Login", "Registration", "Purchase", "Upload", "Other", "Unknown"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> EmailTypes =
        new HashSet<string>(["Home", "Work", "Business", "Recovery"], StringComparer.Ordinal);

    public IReadOnlyList<string> Validate(CyberTipReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new List<string>();
        var summary = report.IncidentSummary;
        if (!Enum.IsDefined(summary.IncidentType))
        {
            problems.Add("The incident type is not one of NCMEC's incident types: choose one in the report.");
        }

        if (summary.IncidentDateTime >= now)
        {
            problems.Add("The incident date must be in the past.");
        }

        if (summary.EscalateToHighPriority is { } reason)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                problems.Add("The escalation reason is blank: give a reason or do not escalate.");
            }
            else if (reason.Length > NcmecVocabulary.EscalationReasonMaxLength)
            {
                problems.Add($"The escalation reason is {reason.Length} characters long; NCMEC accepts at most {NcmecVocabulary.EscalationReasonMaxLength}.");
            }
        }

        MaxLength(problems, report.AdditionalInfo, NcmecVocabulary.AdditionalInfoMaxLength, "The additional information");

        if (report.InternetDetails is { } internet)
        {
            if (!Enum.IsDefined(internet.Type))
            {
                problems.Add("The internet detail type is unknown: choose one in Settings → Child Safety.");
            }

            // A URL with whitespace or control characters is left out by the writer (NCMEC refuses it); others must be valid.
            if (internet.Type == NcmecInternetDetailType.WebPage && CyberTipXml.IsWritableUrl(internet.WebPageUrl))
            {
                Url(problems, internet.WebPageUrl, "The \"more information\" URL (Settings → Child Safety)");
            }
        }

        ValidateReporter(problems, report.Reporter);
        if (report.PersonOrUserReported is { } user)
        {
            ValidateReportedUser(problems, user, now);
        }

        return problems;
    }

    public IReadOnlyList<string> Validate(CyberTipFileDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(details.ReportId) || !long.TryParse(details.ReportId, out _))
        {
            problems.Add("The file details carry no valid NCMEC report id.");
        }

        if (string.IsNullOrWhiteSpace(details.FileId))
        {
            problems.Add("The file details carry no NCMEC file id.");
        }

        MaxLength(problems, details.OriginalFileName, 2056, "The original file name");
        if (details.ExifViewedByEsp == true && details.FileViewedByEsp != true)
        {
            problems.Add("The file says its EXIF data was viewed but the file itself was not: NCMEC requires the file to be viewed too.");
        }

        if (details.FileRelevance == CyberTipFileRelevance.SupplementalReported)
        {
            if (details.IndustryClassification is not null)
            {
                problems.Add("A supplemental file cannot carry an industry classification: classify it as reported, or remove the classification.");
            }

            if (details.Annotations.HasFlag(NcmecFileAnnotations.PotentialMeme))
            {
                problems.Add("A supplemental file cannot be annotated as a potential meme.");
            }
        }

        if (details.IndustryClassification is { } classification && !Enum.IsDefined(classification))
        {
            problems.Add("The industry classification must be A1, A2, B1 or B2.");
        }

        foreach (var hash in details.OriginalFileHashes ?? [])
        {
            if (string.IsNullOrWhiteSpace(hash.HashType))
            {
                problems.Add("A file hash has no hash type (e.g. MD5, SHA256, PDQ).");
            }
            else if (hash.HashType.Length > 64)
            {
                problems.Add($"A file hash type is {hash.HashType.Length} characters long; NCMEC accepts at most 64.");
            }

            if (string.IsNullOrWhiteSpace(hash.Value))
            {
                problems.Add($"The {hash.HashType} file hash is empty.");
            }
        }

        if (details.IpCaptureEvent is { } ip)
        {
            ValidateIpEvent(problems, ip, now, "The file's upload IP address");
        }

        foreach (var info in details.AdditionalInfo ?? [])
        {
            MaxLength(problems, info, NcmecVocabulary.AdditionalInfoMaxLength, "The file's additional information");
        }

        return problems;
    }

    public static bool IsValidEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > EmailMaxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at > EmailLocalPartMaxLength || at == value.Length - 1)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        return value.IndexOf('@') == at && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }

    public static bool IsValidUrl(string? value) =>
        CyberTipXml.IsWritableUrl(value) && value!.Length <= UrlMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    public static bool IsValidIp(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim() == value && IPAddress.TryParse(value, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);

    private static void ValidateReporter(List<string> problems, CyberTipReporter reporter)
    {
        if (string.IsNullOrWhiteSpace(reporter.ReportingPersonEmail))
        {
            problems.Add("The reporter email is missing: set it in Settings → Child Safety.");
        }
        else if (!IsValidEmail(reporter.ReportingPersonEmail))
        {
            problems.Add("The reporter email is not a valid email address (at most 255 characters, 64 before the @): correct it in Settings → Child Safety.");
        }

        if (reporter.ContactPerson is { } contact)
        {
            MaxLength(problems, contact.FirstName, 100, "The contact person's first name");
            MaxLength(problems, contact.LastName, 100, "The contact person's last name");
            MaxLength(problems, contact.Phone, 50, "The contact person's phone number");
            if (!string.IsNullOrEmpty(contact.Email) && !IsValidEmail(contact.Email))
            {
                problems.Add("The contact person's email is not a valid email address: correct it in Settings → Child Safety.");
            }
        }

        MaxLength(problems, reporter.TermsOfService, 3000, "The terms of service (Settings → Child Safety)");
        if (!string.IsNullOrEmpty(reporter.LegalUrl))
        {
            Url(problems, reporter.LegalUrl, "The legal URL (Settings → Child Safety)");
        }
    }

    private static void ValidateReportedUser(List<string> problems, CyberTipReportedUser user, DateTimeOffset now)
    {
        foreach (var email in user.Emails ?? [])
        {
            if (string.IsNullOrWhiteSpace(email.Address))
            {
                continue;
            }

            if (!IsValidEmail(email.Address))
            {
                problems.Add("An email address of the reported user is not a valid email address.");
            }

            if (email.Type is { Length: > 0 } type && !EmailTypes.Contains(type))
            {
                problems.Add($"The reported user's email type \"{Short(type)}\" must be Home, Work, Business or Recovery.");
            }

            if (email.VerificationDate is { } verifiedAt)
            {
                if (email.Verified != true)
                {
                    problems.Add("A reported user's email has a verification date but is not marked verified.");
                }

                if (verifiedAt >= now)
                {
                    problems.Add("A reported user's email verification date must be in the past.");
                }
            }
        }

        MaxLength(problems, user.EspIdentifier, 255, "The reported user's id");
        MaxLength(problems, user.EspService, NcmecSettings.EspServiceMaxLength, "The service name (Settings → Child Safety)");
        MaxLength(problems, user.ScreenName, 256, "The reported user's screen name");
        foreach (var name in user.DisplayNames ?? [])
        {
            MaxLength(problems, name, 255, "The reported user's display name");
        }

        foreach (var ip in user.IpCaptureEvents ?? [])
        {
            ValidateIpEvent(problems, ip, now, "An IP address of the reported user");
        }
    }

    private static void ValidateIpEvent(List<string> problems, CyberTipIpCaptureEvent ip, DateTimeOffset now, string what)
    {
        if (!IsValidIp(ip.IpAddress))
        {
            problems.Add($"{what} (\"{Short(ip.IpAddress)}\") is not a valid IPv4 or IPv6 address.");
        }

        if (ip.EventName is { Length: > 0 } name && !IpEventNames.Contains(name))
        {
            problems.Add($"{what} has the event \"{Short(name)}\"; NCMEC accepts Login, Registration, Purchase, Upload, Other or Unknown.");
        }

        if (ip.DateTime is { } when && when >= now)
        {
            problems.Add($"{what} has a capture time in the future; it must be in the past.");
        }

        if (ip.Port is { } port && (port < 1 || port > 65535))
        {
            problems.Add($"{what} has port {port}; a port is 1 to 65535.");
        }
    }

    private static void Url(List<string> problems, string? value, string what)
    {
        if (!IsValidUrl(value))
        {
            problems.Add($"{what} must be an absolute http(s) URL without spaces, at most {UrlMaxLength} characters.");
        }
    }

    private static void MaxLength(List<string> problems, string? value, int max, string what)
    {
        if (value is not null && value.Length > max)
        {
            problems.Add($"{what} is {value.Length} characters long; NCMEC accepts at most {max}.");
        }
    }

    private static string Short(string? value) =>
        value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
