using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace Coop.Tests.Support.Fakes.CyberTipline;

/// <summary>
/// NCMEC's business rules beyond the schema (reference §5.4), as the fake enforces them on a structurally valid
/// document. Independent of the product's validator. Messages are the fake's own words with [line,col].
/// </summary>
internal static class FakeCyberTipRules
{
    private static readonly string[] PastDateTimes =
        ["incidentDateTime", "dateTime", "verificationDate", "disabledDate", "userNotifiedDate", "timestamp", "uploadedToEspTimestamp"];

    private static readonly string[] BatchedForbidden = ["internetDetails", "lawEnforcement", "intendedRecipient", "victim"];

    public static IReadOnlyList<string> CheckReport(XDocument document, DateTimeOffset now, Func<long, bool> isIssuedReportId)
    {
        var errors = new List<string>();
        var root = document.Root!;
        CheckCommon(root, now, errors);
        var reportingPerson = root.Element("reporter")!.Element("reportingPerson")!;
        if (!reportingPerson.Elements("email").Any(e => e.Value.Trim().Length > 0))
        {
            errors.Add(FakeCyberTipSchema.At(reportingPerson, "reportingPerson requires at least one email."));
        }

        var summary = root.Element("incidentSummary")!;
        if (summary.Element("escalateToHighPriority") is { } escalate && (escalate.Value.Trim().Length == 0 || escalate.Value.Length > 3000))
        {
            errors.Add(FakeCyberTipSchema.At(escalate, "escalateToHighPriority must be a reason of 1 to 3000 characters."));
        }

        var batched = root.Element("batchedReport") is not null;
        var reported = root.Elements("personOrUserReported").ToList();
        if (!batched && reported.Count > 1)
        {
            errors.Add(FakeCyberTipSchema.At(reported[1], "Only one personOrUserReported is allowed outside a batched report."));
        }

        if (batched)
        {
            foreach (var name in BatchedForbidden)
            {
                if (root.Element(name) is { } forbidden)
                {
                    errors.Add(FakeCyberTipSchema.At(forbidden, $"{name} is not allowed in a batched report."));
                }
            }

            if (summary.Element("escalateToHighPriority") is { } e)
            {
                errors.Add(FakeCyberTipSchema.At(e, "escalateToHighPriority is not allowed in a batched report."));
            }

            if (root.Element("additionalInfo") is { } info)
            {
                errors.Add(FakeCyberTipSchema.At(info, "additionalInfo is not allowed in a batched report."));
            }

            foreach (var person in reported.Where(r => r.Elements().Any(c => c.Name.LocalName != "espIdentifier")))
            {
                errors.Add(FakeCyberTipSchema.At(person, "personOrUserReported of a batched report may only hold espIdentifier."));
            }
        }

        // emailIncident / newsgroupIncident addresses must appear on a reported person, recipient or victim.
        var knownEmails = root.Descendants("email").Where(e => e.Parent?.Name.LocalName is "personOrUserReportedPerson" or "intendedRecipientPerson" or "victimPerson")
            .Select(e => e.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var address in root.Descendants("emailAddress").Where(e => e.Parent?.Name.LocalName is "emailIncident" or "newsgroupIncident"))
        {
            if (!knownEmails.Contains(address.Value.Trim()))
            {
                errors.Add(FakeCyberTipSchema.At(address, "emailAddress must also be given as an email of a reported user, intended recipient or victim."));
            }
        }

        foreach (var prior in root.Descendants().Where(e => e.Name.LocalName is "priorCTReports" or "priorCTReport"))
        {
            if (!long.TryParse(prior.Value.Trim(), out var id) || !isIssuedReportId(id))
            {
                errors.Add(FakeCyberTipSchema.At(prior, "priorCTReports must be a CyberTipline report id."));
            }
        }

        Length(root.Descendants("incidentDateTimeDescription"), 3000, errors);
        Length(root.Descendants("platform").Where(p => p.Parent?.Name.LocalName == "incidentSummary"), 256, errors);
        Length(root.Descendants("additionalInfo").Where(a => a.Parent == root), 3000, errors);
        Length(root.Descendants("espService"), 100, errors);
        Length(root.Descendants("screenName"), 256, errors);
        Length(root.Descendants("espIdentifier"), 255, errors);
        Length(root.Descendants("displayName"), 255, errors);
        Length(root.Descendants("termsOfService"), 3000, errors);
        Length(root.Descendants().Where(e => e.Name.LocalName is "firstName" or "lastName"), 100, errors);
        return errors;
    }

    public static IReadOnlyList<string> CheckFileDetails(XDocument document, DateTimeOffset now)
    {
        var errors = new List<string>();
        var root = document.Root!;
        CheckCommon(root, now, errors);
        if (root.Element("fileId") is { } fileId && fileId.Value.Trim().Length == 0)
        {
            errors.Add(FakeCyberTipSchema.At(fileId, "fileId must not be blank."));
        }

        if (IsTrue(root.Element("exifViewedByEsp")) && !IsTrue(root.Element("fileViewedByEsp")))
        {
            errors.Add(FakeCyberTipSchema.At(root.Element("exifViewedByEsp")!, "fileViewedByEsp must be true when exifViewedByEsp is true."));
        }

        if (root.Element("potentialMeme") is not null && root.Element("fileAnnotations") is { } annotations)
        {
            errors.Add(FakeCyberTipSchema.At(annotations, "cvc-complex-type.2.4.a: Invalid content was found starting with element 'fileAnnotations'. One of '{industryClassification, originalFileHash, ipCaptureEvent, deviceId, details, additionalInfo}' is expected."));
        }

        var meme = IsTrue(root.Element("potentialMeme")) || root.Element("fileAnnotations")?.Element("potentialMeme") is not null;
        if (root.Element("fileRelevance")?.Value.Trim() == "Supplemental Reported")
        {
            if (root.Element("industryClassification") is { } classification)
            {
                errors.Add(FakeCyberTipSchema.At(classification, "A Supplemental Reported file cannot have an industryClassification."));
            }

            if (meme)
            {
                errors.Add(FakeCyberTipSchema.At(root, "A Supplemental Reported file cannot be annotated potentialMeme."));
            }
        }

        Length(root.Elements("originalFileName"), 2056, errors);
        foreach (var hash in root.Elements("originalFileHash"))
        {
            var type = hash.Attribute("hashType")!.Value;
            if (type.Trim().Length == 0 || type.Length > 64)
            {
                errors.Add(FakeCyberTipSchema.At(hash, "hashType must be 1 to 64 characters."));
            }
        }

        Length(root.Descendants("nameValuePair").Elements("name"), 64, errors);
        return errors;
    }

    /// <summary>Rules that hold wherever the element appears: past dates with zones, URLs, emails, phones, IPs, ports, ages.</summary>
    private static void CheckCommon(XElement root, DateTimeOffset now, List<string> errors)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            var name = element.Name.LocalName;
            if (!element.HasElements && PastDateTimes.Contains(name))
            {
                PastDateTime(element, element.Value, name, now, errors);
            }

            foreach (var attribute in element.Attributes().Where(a => PastDateTimes.Contains(a.Name.LocalName)))
            {
                PastDateTime(attribute, attribute.Value, attribute.Name.LocalName, now, errors);
            }

            switch (name)
            {
                case "dateOfBirth" when element.Value.Trim().Length >= 10
                    && DateOnly.TryParseExact(element.Value.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
                    && born.ToDateTime(TimeOnly.MinValue) >= now.UtcDateTime.Date:
                    errors.Add(FakeCyberTipSchema.At(element, "dateOfBirth must be in the past."));
                    break;
                case "url" or "legalURL" or "profileUrl" or "locationOfFile" when !IsUrl(element.Value):
                    errors.Add(FakeCyberTipSchema.At(element, $"{name} must be a valid http(s) URL of at most 2083 characters."));
                    break;
                case "email" or "emailAddress" when !IsEmail(element.Value):
                    errors.Add(FakeCyberTipSchema.At(element, $"{name} must be a valid email address."));
                    break;
                case "phone" or "phoneNumber" when element.Value.Length > 50
                    || (element.Attribute("countryCallingCode") is { } code && element.Value.TrimStart().StartsWith(code.Value, StringComparison.Ordinal)):
                    errors.Add(FakeCyberTipSchema.At(element, $"{name} must be at most 50 characters and not start with its country calling code."));
                    break;
                case "ipAddress" when !IsIp(element.Value):
                    errors.Add(FakeCyberTipSchema.At(element, "ipAddress must be a valid IPv4 or IPv6 address."));
                    break;
                case "port" when !int.TryParse(element.Value.Trim(), out var port) || port < 1 || port > 65535:
                    errors.Add(FakeCyberTipSchema.At(element, "port must be 1 to 65535."));
                    break;
                case "age" or "approximateAge" when !int.TryParse(element.Value.Trim(), out var age) || age < 0 || age > 150:
                    errors.Add(FakeCyberTipSchema.At(element, $"{name} must be 0 to 150."));
                    break;
                case "estimatedLocation" when element.Element("countryCode")?.Value.Trim() == "US" && element.Element("city") is not null && element.Element("region") is null:
                    errors.Add(FakeCyberTipSchema.At(element, "estimatedLocation in the US with a city requires a region."));
                    break;
                default:
                    break;
            }

            if ((name is "email" or "phone") && element.Attribute("verificationDate") is not null && element.Attribute("verified")?.Value.Trim() is not ("true" or "1"))
            {
                errors.Add(FakeCyberTipSchema.At(element, $"{name} with a verificationDate must be verified=\"true\"."));
            }

            if (element.Element("approximateAge") is not null && element.Element("dateOfBirth") is not null)
            {
                errors.Add(FakeCyberTipSchema.At(element, "approximateAge and dateOfBirth cannot both be given."));
            }
        }
    }

    private static void PastDateTime(System.Xml.Linq.XObject node, string value, string name, DateTimeOffset now, List<string> errors)
    {
        var text = value.Trim();
        var hasZone = text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
        if (!hasZone)
        {
            errors.Add(FakeCyberTipSchema.At(node, $"{name} must carry a time zone."));
            return;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when) && when >= now)
        {
            errors.Add(FakeCyberTipSchema.At(node, $"{name} must be in the past."));
        }
    }

    private static void Length(IEnumerable<XElement> elements, int max, List<string> errors)
    {
        foreach (var element in elements.Where(e => e.Value.Length > max))
        {
            errors.Add(FakeCyberTipSchema.At(element, $"{element.Name.LocalName} is longer than {max} characters."));
        }
    }

    private static bool IsTrue(XElement? element) => element?.Value.Trim() is "true" or "1";

    private static bool IsUrl(string value) =>
        value.Length <= 2083 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static bool IsEmail(string value)
    {
        var text = value.Trim();
        var at = text.IndexOf('@');
        return text.Length is > 2 and <= 255 && at is > 0 and <= 64 && at == text.LastIndexOf('@')
            && text[(at + 1)..].Contains('.') && !text.Any(char.IsWhiteSpace);
    }

    private static bool IsIp(string value) => value.Trim().Length > 0 && IPAddress.TryParse(value.Trim(), out _);
}
