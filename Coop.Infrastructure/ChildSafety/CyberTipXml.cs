using System.Globalization;
using System.Text;
using System.Xml;
using Coop.Domain.ChildSafety;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>
/// Writes <see cref="CyberTipReport"/> (<c>&lt;report&gt;</c>) and <see cref="CyberTipFileDetails"/>
/// (<c>&lt;fileDetails&gt;</c>) in the order NCMEC's schema demands (xs:sequence: out-of-order children are rejected
/// with 4100). Null or empty members are left out; presence flags are empty elements; date-times are UTC with "Z".
/// </summary>
public static class CyberTipXml
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <summary>The document for <c>POST /submit</c>, UTF-8 with an XML declaration.</summary>
    public static byte[] WriteReport(CyberTipReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(w =>
        {
            w.WriteStartElement("report");
            WriteIncidentSummary(w, report.IncidentSummary);
            if (report.InternetDetails is { } internet)
            {
                WriteInternetDetails(w, internet);
            }

            WriteReporter(w, report.Reporter);
            if (report.PersonOrUserReported is { } user)
            {
                WriteReportedUser(w, user);
            }

            Text(w, "additionalInfo", report.AdditionalInfo);
            w.WriteEndElement();
        });
    }

    /// <summary>The document for <c>POST /fileinfo</c>, UTF-8 with an XML declaration.</summary>
    public static byte[] WriteFileDetails(CyberTipFileDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return Write(w =>
        {
            w.WriteStartElement("fileDetails");
            w.WriteElementString("reportId", Clean(details.ReportId));
            w.WriteElementString("fileId", Clean(details.FileId));
            Text(w, "originalFileName", details.OriginalFileName);
            Bool(w, "fileViewedByEsp", details.FileViewedByEsp);
            Bool(w, "exifViewedByEsp", details.ExifViewedByEsp);
            Bool(w, "publiclyAvailable", details.PubliclyAvailable);
            if (details.FileRelevance is { } relevance)
            {
                w.WriteElementString("fileRelevance", RelevanceText(relevance));
            }

            if (details.Annotations != NcmecFileAnnotations.None)
            {
                w.WriteStartElement("fileAnnotations");
                foreach (var (flag, element) in NcmecVocabulary.FileAnnotationElements)
                {
                    if (details.Annotations.HasFlag(flag))
                    {
                        w.WriteStartElement(element);
                        w.WriteEndElement();
                    }
                }

                w.WriteEndElement();
            }

            if (details.IndustryClassification is { } classification)
            {
                w.WriteElementString("industryClassification", classification.ToString());
            }

            foreach (var hash in details.OriginalFileHashes ?? [])
            {
                if (string.IsNullOrWhiteSpace(hash.Value))
                {
                    continue;
                }

                w.WriteStartElement("originalFileHash");
                w.WriteAttributeString("hashType", Clean(hash.HashType));
                w.WriteString(Clean(hash.Value));
                w.WriteEndElement();
            }

            // The schema allows at most one ipCaptureEvent per file (Coop's bug: it sent several).
            if (details.IpCaptureEvent is { } ip)
            {
                WriteIpCaptureEvent(w, ip);
            }

            foreach (var info in details.AdditionalInfo ?? [])
            {
                Text(w, "additionalInfo", info);
            }

            w.WriteEndElement();
        });
    }

    /// <summary>ISO 8601 in UTC with a "Z" zone, to the second.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string RelevanceText(CyberTipFileRelevance relevance) => relevance switch
    {
        CyberTipFileRelevance.Reported => "Reported",
        CyberTipFileRelevance.SupplementalReported => "Supplemental Reported",
        _ => throw new ArgumentOutOfRangeException(nameof(relevance), relevance, null),
    };

    /// <summary>True when a URL may be written as-is: no whitespace or control characters (NCMEC answers 4100 otherwise).</summary>
    public static bool IsWritableUrl(string? url) =>
        !string.IsNullOrEmpty(url) && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static void WriteIncidentSummary(XmlWriter w, CyberTipIncidentSummary summary)
    {
        w.WriteStartElement("incidentSummary");
        w.WriteElementString("incidentType", NcmecVocabulary.IncidentTypeText(summary.IncidentType));
        Text(w, "escalateToHighPriority", summary.EscalateToHighPriority);
        w.WriteElementString("incidentDateTime", FormatDateTime(summary.IncidentDateTime));
        w.WriteEndElement();
    }

    private static void WriteInternetDetails(XmlWriter w, CyberTipInternetDetails internet)
    {
        w.WriteStartElement("internetDetails");
        w.WriteStartElement(NcmecVocabulary.InternetDetailElement(internet.Type));
        if (internet.Type == NcmecInternetDetailType.WebPage && IsWritableUrl(internet.WebPageUrl))
        {
            w.WriteElementString("url", internet.WebPageUrl!);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteReporter(XmlWriter w, CyberTipReporter reporter)
    {
        w.WriteStartElement("reporter");
        w.WriteStartElement("reportingPerson");
        Text(w, "email", reporter.ReportingPersonEmail);
        w.WriteEndElement();
        if (reporter.ContactPerson is { } contact && HasAny(contact.FirstName, contact.LastName, contact.Phone, contact.Email))
        {
            w.WriteStartElement("contactPerson");
            Text(w, "firstName", contact.FirstName);
            Text(w, "lastName", contact.LastName);
            Text(w, "phone", contact.Phone);
            Text(w, "email", contact.Email);
            w.WriteEndElement();
        }

        Text(w, "companyTemplate", reporter.CompanyTemplate);
        Text(w, "termsOfService", reporter.TermsOfService);
        Text(w, "legalURL", reporter.LegalUrl);
        w.WriteEndElement();
    }

    private static void WriteReportedUser(XmlWriter w, CyberTipReportedUser user)
    {
        w.WriteStartElement("personOrUserReported");
        var emails = (user.Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e.Address)).ToList();
        if (emails.Count > 0)
        {
            w.WriteStartElement("personOrUserReportedPerson");
            foreach (var email in emails)
            {
                w.WriteStartElement("email");
                if (!string.IsNullOrWhiteSpace(email.Type))
                {
                    w.WriteAttributeString("type", Clean(email.Type));
                }

                if (email.Verified is { } verified)
                {
                    w.WriteAttributeString("verified", verified ? "true" : "false");
                }

                if (email.VerificationDate is { } date)
                {
                    w.WriteAttributeString("verificationDate", FormatDateTime(date));
                }

                w.WriteString(Clean(email.Address));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        Text(w, "espIdentifier", user.EspIdentifier);
        Text(w, "espService", user.EspService);
        Text(w, "screenName", user.ScreenName);
        foreach (var name in user.DisplayNames ?? [])
        {
            Text(w, "displayName", name);
        }

        foreach (var ip in user.IpCaptureEvents ?? [])
        {
            WriteIpCaptureEvent(w, ip);
        }

        w.WriteEndElement();
    }

    private static void WriteIpCaptureEvent(XmlWriter w, CyberTipIpCaptureEvent ip)
    {
        w.WriteStartElement("ipCaptureEvent");
        w.WriteElementString("ipAddress", Clean(ip.IpAddress));
        Text(w, "eventName", ip.EventName);
        if (ip.DateTime is { } when)
        {
            w.WriteElementString("dateTime", FormatDateTime(when));
        }

        Bool(w, "possibleProxy", ip.PossibleProxy);
        if (ip.Port is { } port)
        {
            w.WriteElementString("port", port.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteElementString(name, Clean(value));
        }
    }

    /// <summary>Drops characters XML cannot carry (item content is hostile; a stray control character must not break the document).</summary>
    internal static string Clean(string value)
    {
        if (value.All(XmlConvert.IsXmlChar))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                builder.Append(value[i]);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                builder.Append(value[i]).Append(value[i + 1]);
                i++;
            }
        }

        return builder.ToString();
    }

    private static void Bool(XmlWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteElementString(name, v ? "true" : "false");
        }
    }

    private static bool HasAny(params string?[] values) => values.Any(v => !string.IsNullOrEmpty(v));

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
