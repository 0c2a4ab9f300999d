using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Coop.Tests.Support.Fakes.CyberTipline;

/// <summary>
/// The fake CyberTipline's OWN description of the subset of NCMEC's report schema (reference §2): for each complex
/// type the allowed child sequence with multiplicities, choices, presence-flag groups, simple types, enumerations and
/// attributes. Written independently of the product's writer and validator, so the two can disagree (that is the
/// point). Errors read like Xerces' messages, with [line,col].
/// </summary>
internal static partial class FakeCyberTipSchema
{
    private const int M = int.MaxValue;

    private static readonly string[] IncidentTypes =
    [
        "Child Pornography (possession, manufacture, and distribution)", "Child Sex Trafficking", "Child Sex Tourism",
        "Child Sexual Molestation", "Misleading Domain Name", "Misleading Words or Digital Images on the Internet",
        "Online Enticement of Children for Sexual Acts", "Unsolicited Obscene Material Sent to a Child",
    ];

    private static readonly Dictionary<string, Model> Types = BuildTypes();

    /// <summary>Validates a document whose root must be <paramref name="rootName"/>; returns Xerces-style errors (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(XDocument document, string rootName)
    {
        var errors = new List<string>();
        var root = document.Root!;
        if (root.Name.NamespaceName.Length > 0 || root.Name.LocalName != rootName)
        {
            errors.Add(At(root, $"cvc-elt.1.a: Cannot find the declaration of element '{root.Name.LocalName}'."));
            return errors;
        }

        Check(root, rootName == "report" ? "Report" : "FileDetails", errors);
        return errors;
    }

    public static string At(XObject node, string message)
    {
        var info = (IXmlLineInfo)node;
        return $"[{info.LineNumber},{info.LinePosition}] - {message}";
    }

    private static void Check(XElement element, string typeName, List<string> errors)
    {
        var model = Types[typeName];
        var name = element.Name.LocalName;
        CheckAttributes(element, model.Attributes, errors);
        switch (model)
        {
            case Leaf leaf:
                if (element.HasElements)
                {
                    errors.Add(At(element, $"cvc-type.3.1.2: Element '{name}' is a simple type, so it must have no element information item [children]."));
                    return;
                }

                CheckSimple(element, element.Value, leaf.Type, name, errors);
                return;
            case All all:
                ElementOnly(element, errors);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in element.Elements())
                {
                    var childName = child.Name.LocalName;
                    if (!all.Flags.Contains(childName) || !seen.Add(childName) || child.Name.NamespaceName.Length > 0)
                    {
                        errors.Add(At(child, $"cvc-complex-type.2.4.a: Invalid content was found starting with element '{childName}'. One of '{{{string.Join(", ", all.Flags.Where(f => !seen.Contains(f) || f == childName))}}}' is expected."));
                        continue;
                    }

                    if (child.HasElements || (child.Value.Length > 0 && child.Value.Trim() != "true"))
                    {
                        errors.Add(At(child, $"cvc-elt.5.2.2.2.2: The value '{child.Value}' of element '{childName}' does not match the {{value constraint}} value 'true'."));
                    }
                }

                return;
            case Choice choice:
                ElementOnly(element, errors);
                var children = element.Elements().ToList();
                var expected = string.Join(", ", choice.Particles.Select(p => p.Name));
                if (children.Count == 0)
                {
                    errors.Add(At(element, $"cvc-complex-type.2.4.b: The content of element '{name}' is not complete. One of '{{{expected}}}' is expected."));
                    return;
                }

                var match = choice.Particles.FirstOrDefault(p => p.Name == children[0].Name.LocalName && children[0].Name.NamespaceName.Length == 0);
                if (match is null)
                {
                    errors.Add(At(children[0], $"cvc-complex-type.2.4.a: Invalid content was found starting with element '{children[0].Name.LocalName}'. One of '{{{expected}}}' is expected."));
                    return;
                }

                Check(children[0], match.Type, errors);
                foreach (var extra in children.Skip(1))
                {
                    errors.Add(At(extra, $"cvc-complex-type.2.4.d: Invalid content was found starting with element '{extra.Name.LocalName}'. No child element is expected at this point."));
                }

                return;
            case Seq seq:
                ElementOnly(element, errors);
                CheckSequence(element, seq, errors);
                return;
        }
    }

    private static void CheckSequence(XElement element, Seq seq, List<string> errors)
    {
        var particles = seq.Particles;
        var p = 0;
        var count = 0;
        foreach (var child in element.Elements())
        {
            var childName = child.Name.NamespaceName.Length > 0 ? "{" + child.Name.NamespaceName + "}" + child.Name.LocalName : child.Name.LocalName;
            var target = -1;
            for (var q = p; q < particles.Length; q++)
            {
                var taken = q == p ? count : 0;
                if (particles[q].Name == childName && taken < particles[q].Max)
                {
                    target = q;
                    break;
                }

                if (taken < particles[q].Min)
                {
                    break;
                }
            }

            if (target < 0)
            {
                var expected = Expected(particles, p, count);
                errors.Add(At(child, expected.Count == 0
                    ? $"cvc-complex-type.2.4.d: Invalid content was found starting with element '{childName}'. No child element is expected at this point."
                    : $"cvc-complex-type.2.4.a: Invalid content was found starting with element '{childName}'. One of '{{{string.Join(", ", expected)}}}' is expected."));
                return;
            }

            count = target == p ? count + 1 : 1;
            p = target;
            Check(child, particles[target].Type, errors);
        }

        for (var q = p; q < particles.Length; q++)
        {
            var taken = q == p ? count : 0;
            if (taken < particles[q].Min)
            {
                errors.Add(At(element, $"cvc-complex-type.2.4.b: The content of element '{element.Name.LocalName}' is not complete. One of '{{{string.Join(", ", Expected(particles, p, count))}}}' is expected."));
                return;
            }
        }
    }

    /// <summary>What may come next at position (p, count): the rest of the current particle, then optional ones up to and including the first required one.</summary>
    private static List<string> Expected(P[] particles, int p, int count)
    {
        var names = new List<string>();
        for (var q = p; q < particles.Length; q++)
        {
            var taken = q == p ? count : 0;
            if (taken < particles[q].Max)
            {
                names.Add(particles[q].Name);
            }

            if (taken < particles[q].Min)
            {
                break;
            }
        }

        return names;
    }

    private static void ElementOnly(XElement element, List<string> errors)
    {
        if (element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            errors.Add(At(element, $"cvc-complex-type.2.3: Element '{element.Name.LocalName}' cannot have character [children], because the type's content type is element-only."));
        }
    }

    private static void CheckAttributes(XElement element, Attr[] allowed, List<string> errors)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName == "http://www.w3.org/2001/XMLSchema-instance")
            {
                continue;
            }

            var declared = attribute.Name.NamespaceName.Length == 0 ? allowed.FirstOrDefault(a => a.Name == attribute.Name.LocalName) : null;
            if (declared is null)
            {
                errors.Add(At(attribute, $"cvc-complex-type.3.2.2: Attribute '{attribute.Name.LocalName}' is not allowed to appear in element '{element.Name.LocalName}'."));
                continue;
            }

            CheckSimple(attribute, attribute.Value, declared.Type, attribute.Name.LocalName, errors);
        }

        foreach (var required in allowed.Where(a => a.Required && element.Attribute(a.Name) is null))
        {
            errors.Add(At(element, $"cvc-complex-type.4: Attribute '{required.Name}' must appear on element '{element.Name.LocalName}'."));
        }
    }

    private static void CheckSimple(XObject node, string value, Simple type, string name, List<string> errors)
    {
        var trimmed = value.Trim();
        string[]? enumeration = type switch
        {
            Simple.IncidentType => IncidentTypes,
            Simple.EventName => ["Login", "Registration", "Purchase", "Upload", "Other", "Unknown"],
            Simple.Relevance => ["Reported", "Supplemental Reported"],
            Simple.Classification => ["A1", "A2", "B1", "B2"],
            Simple.EmailType => ["Home", "Work", "Business", "Recovery"],
            Simple.PhoneType => ["Mobile", "Home", "Business", "Work", "Fax", "Internet", "Recovery"],
            Simple.AddressType => ["Home", "Business", "Billing", "Shipping", "Technical"],
            Simple.BatchReason => ["VIRAL_POTENTIAL_MEME"],
            Simple.DetailsType => ["EXIF", "HASH"],
            Simple.AccountType => ["Billing", "Linked", "Business", "Creator", "Parent/Guardian", "Other"],
            _ => null,
        };
        if (enumeration is not null)
        {
            if (!enumeration.Contains(trimmed))
            {
                errors.Add(At(node, $"cvc-enumeration-valid: Value '{trimmed}' is not facet-valid with respect to enumeration '[{string.Join(", ", enumeration)}]'. It must be a value from the enumeration."));
            }

            return;
        }

        var valid = type switch
        {
            Simple.Bool => trimmed is "true" or "false" or "1" or "0",
            Simple.Int => int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            Simple.Long => long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            Simple.Double => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            Simple.DateTime => DateTimePattern().IsMatch(trimmed),
            Simple.Date => DatePattern().IsMatch(trimmed),
            Simple.Empty => value.Length == 0,
            _ => true,
        };
        if (!valid)
        {
            errors.Add(At(node, type == Simple.Empty
                ? $"cvc-complex-type.2.1: Element '{name}' must have no character or element information item [children], because the type's content type is empty."
                : $"cvc-datatype-valid.1.2.1: '{trimmed}' is not a valid value for '{type.ToString().ToLowerInvariant()}'."));
        }
    }

    [GeneratedRegex(@"^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^-?\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DatePattern();

    private static P S(string name, int min = 0, int max = 1) => new(name, "String", min, max);

    private static P T(string name, string type, int min = 0, int max = 1) => new(name, type, min, max);

    private static Dictionary<string, Model> BuildTypes()
    {
        var dateTime = new Leaf(Simple.DateTime);
        var boolean = new Leaf(Simple.Bool);
        var types = new Dictionary<string, Model>(StringComparer.Ordinal)
        {
            ["String"] = new Leaf(Simple.String),
            ["Token"] = new Leaf(Simple.Token),
            ["Bool"] = boolean,
            ["Int"] = new Leaf(Simple.Int),
            ["Long"] = new Leaf(Simple.Long),
            ["Double"] = new Leaf(Simple.Double),
            ["DateTime"] = dateTime,
            ["Date"] = new Leaf(Simple.Date),
            ["IncidentType"] = new Leaf(Simple.IncidentType),
            ["EventName"] = new Leaf(Simple.EventName),
            ["Relevance"] = new Leaf(Simple.Relevance),
            ["Classification"] = new Leaf(Simple.Classification),
            ["Report"] = new Seq(
                T("batchedReport", "BatchedReport"), T("incidentSummary", "IncidentSummary", 1), T("internetDetails", "InternetDetails", 0, M),
                T("lawEnforcement", "LawEnforcement"), T("reporter", "Reporter", 1), T("personOrUserReported", "Reported", 0, M),
                T("intendedRecipient", "IntendedRecipient", 0, M), T("victim", "Victim", 0, M), S("additionalInfo")),
            ["BatchedReport"] = new Leaf(Simple.Empty, new Attr("reason", Simple.BatchReason, Required: true)),
            ["IncidentSummary"] = new Seq(
                T("incidentType", "IncidentType", 1), S("platform"), S("escalateToHighPriority"), T("reportAnnotations", "ReportAnnotations"),
                T("incidentDateTime", "DateTime", 1), S("incidentDateTimeDescription")),
            ["ReportAnnotations"] = new All(["sextortion", "csamSolicitation", "minorToMinorInteraction", "spam", "sadisticOnlineExploitation"]),
            ["InternetDetails"] = new Choice(
                T("webPageIncident", "WebPageIncident"), T("emailIncident", "EmailIncident"), T("newsgroupIncident", "NewsgroupIncident"),
                T("chatImIncident", "ChatImIncident"), T("onlineGamingIncident", "OnlineGamingIncident"), T("cellPhoneIncident", "CellPhoneIncident"),
                T("nonInternetIncident", "NonInternetIncident"), T("peer2peerIncident", "Peer2PeerIncident")),
            ["WebPageIncident"] = new Seq([S("url", 0, M), S("additionalInfo")], [new Attr("thirdPartyHostedContent", Simple.Bool)]),
            ["EmailIncident"] = new Seq(S("emailAddress", 0, M), S("content"), S("additionalInfo")),
            ["NewsgroupIncident"] = new Seq(S("name"), S("emailAddress", 0, M), S("content"), S("additionalInfo")),
            ["ChatImIncident"] = new Seq(S("chatClient"), S("chatRoomName"), S("content"), S("additionalInfo")),
            ["OnlineGamingIncident"] = new Seq(S("gameName"), S("console"), S("content"), S("additionalInfo")),
            ["CellPhoneIncident"] = new Seq(T("phoneNumber", "Phone"), T("latitude", "Double"), T("longitude", "Double"), S("additionalInfo")),
            ["NonInternetIncident"] = new Seq(S("locationName"), T("incidentAddress", "Address", 0, M), S("additionalInfo")),
            ["Peer2PeerIncident"] = new Seq(S("client"), T("ipCaptureEvent", "IpCaptureEvent", 0, M), S("fileNames"), S("additionalInfo")),
            ["LawEnforcement"] = new Seq(
                S("agencyName", 1), S("caseNumber"), T("officerContact", "ContactPerson"), T("reportedToLe", "Bool"),
                T("servedLegalProcessDomestic", "Bool"), T("servedLegalProcessInternational", "LegalProcessInternational")),
            ["LegalProcessInternational"] = new Leaf(Simple.Bool, new Attr("fleaCountry", Simple.String)),
            ["Reporter"] = new Seq(
                T("reportingPerson", "Person", 1), T("contactPerson", "ContactPerson"), S("companyTemplate"), S("termsOfService"), S("legalURL")),
            ["Person"] = new Seq(
                S("firstName"), S("lastName"), T("phone", "Phone", 0, M), T("email", "Email", 0, M), T("address", "Address", 0, M),
                T("age", "Int"), T("dateOfBirth", "Date")),
            ["ContactPerson"] = new Seq(S("firstName"), S("lastName"), T("phone", "Phone", 0, M), T("email", "Email", 0, M), T("address", "Address", 0, M)),
            ["Email"] = new Leaf(Simple.String, new Attr("type", Simple.EmailType), new Attr("verified", Simple.Bool), new Attr("verificationDate", Simple.DateTime)),
            ["Phone"] = new Leaf(
                Simple.String, new Attr("type", Simple.PhoneType), new Attr("verified", Simple.Bool), new Attr("verificationDate", Simple.DateTime),
                new Attr("countryCallingCode", Simple.String), new Attr("extension", Simple.String)),
            ["Address"] = new Seq([S("address"), S("city"), S("zipCode"), S("state"), S("nonUsaState"), S("country")], [new Attr("type", Simple.AddressType)]),
            ["IpCaptureEvent"] = new Seq(S("ipAddress", 1), T("eventName", "EventName"), T("dateTime", "DateTime"), T("possibleProxy", "Bool"), T("port", "Int")),
            ["DeviceId"] = new Seq(S("idType", 1), S("idValue", 1), T("eventName", "EventName"), T("dateTime", "DateTime")),
            ["EstimatedLocation"] = new Seq([S("city"), S("region"), S("countryCode", 1)], [new Attr("verified", Simple.Bool), new Attr("timestamp", Simple.DateTime)]),
            ["TemporarilyDisabled"] = new Leaf(
                Simple.Bool, new Attr("disabledDate", Simple.DateTime), new Attr("userNotified", Simple.Bool),
                new Attr("userNotifiedDate", Simple.DateTime), new Attr("reenabledDate", Simple.DateTime)),
            ["PermanentlyDisabled"] = new Leaf(
                Simple.Bool, new Attr("disabledDate", Simple.DateTime), new Attr("userNotified", Simple.Bool), new Attr("userNotifiedDate", Simple.DateTime)),
            ["Reported"] = new Seq(
                T("personOrUserReportedPerson", "Person"), S("vehicleDescription"), S("espIdentifier"), S("espService"), T("compromisedAccount", "Bool"),
                S("screenName"), S("displayName", 0, M), S("profileUrl", 0, M), S("profileBio"), T("ipCaptureEvent", "IpCaptureEvent", 0, M),
                T("deviceId", "DeviceId", 0, M), T("thirdPartyUserReported", "Bool"), T("priorCTReports", "Long", 0, M), S("groupIdentifier"),
                T("accountTemporarilyDisabled", "TemporarilyDisabled"), T("accountPermanentlyDisabled", "PermanentlyDisabled"),
                T("estimatedLocation", "EstimatedLocation"), T("allEmailsReported", "Bool"), T("associatedAccount", "AssociatedAccount", 0, M),
                S("additionalInfo")),
            ["IntendedRecipient"] = new Seq(
                T("intendedRecipientPerson", "Person"), S("espIdentifier"), S("espService"), T("compromisedAccount", "Bool"), S("screenName"),
                S("displayName", 0, M), S("profileUrl", 0, M), S("profileBio"), T("ipCaptureEvent", "IpCaptureEvent", 0, M), T("deviceId", "DeviceId", 0, M),
                T("priorCTReports", "Long", 0, M), S("groupIdentifier"), T("accountTemporarilyDisabled", "TemporarilyDisabled"),
                T("accountPermanentlyDisabled", "PermanentlyDisabled"), T("estimatedLocation", "EstimatedLocation"), T("allEmailsReported", "Bool"),
                S("additionalInfo", 0, M)),
            ["Victim"] = new Seq(
                T("victimPerson", "Person", 1), S("espIdentifier"), S("espService"), T("compromisedAccount", "Bool"), S("screenName"),
                S("displayName", 0, M), S("profileUrl", 0, M), S("profileBio"), T("ipCaptureEvent", "IpCaptureEvent", 0, M), T("deviceId", "DeviceId", 0, M),
                S("schoolName"), T("priorCTReports", "Long", 0, M), T("accountTemporarilyDisabled", "TemporarilyDisabled"),
                T("accountPermanentlyDisabled", "PermanentlyDisabled"), T("estimatedLocation", "EstimatedLocation"), T("allEmailsReported", "Bool"),
                T("associatedAccount", "AssociatedAccount", 0, M), S("additionalInfo")),
            ["AssociatedAccount"] = new Seq(
                [
                    T("platform", "AccountPlatform"), S("firstName"), S("middleName"), S("lastName"), T("approximateAge", "Int"), T("dateOfBirth", "Date"),
                    T("phone", "Phone", 0, M), T("email", "Email", 0, M), T("allEmailsReported", "Bool"), T("address", "Address", 0, M), S("espService"),
                    S("espIdentifier"), S("profileUrl", 0, M), S("screenName"), S("displayName", 0, M), S("profileBio"), S("groupIdentifier"),
                    T("compromisedAccount", "Bool"), T("accountTemporarilyDisabled", "TemporarilyDisabled"), T("accountPermanentlyDisabled", "PermanentlyDisabled"),
                    T("ipCaptureEvent", "IpCaptureEvent", 0, M), T("deviceId", "DeviceId", 0, M), T("priorCTReport", "Long", 0, M), S("additionalInfo"),
                ],
                [new Attr("type", Simple.AccountType, Required: true)]),
            ["AccountPlatform"] = new Leaf(Simple.String, new Attr("thirdPartyUser", Simple.Bool)),
            ["FileDetails"] = new Seq(
                T("reportId", "Long", 1), T("fileId", "Token", 1), S("fileName"), S("originalFileName"), T("uploadedToEspTimestamp", "DateTime"),
                S("locationOfFile"), T("fileViewedByEsp", "Bool"), T("exifViewedByEsp", "Bool"), T("publiclyAvailable", "Bool"),
                T("fileRelevance", "Relevance"), T("potentialMeme", "Bool"), T("fileAnnotations", "FileAnnotations"),
                T("industryClassification", "Classification"), T("originalFileHash", "Hash", 0, M), T("ipCaptureEvent", "IpCaptureEvent"),
                T("deviceId", "DeviceId", 0, M), T("details", "Details", 0, M), S("additionalInfo", 0, M)),
            ["FileAnnotations"] = new All(
                ["animeDrawingVirtualHentai", "potentialMeme", "viral", "possibleSelfProduction", "physicalHarm", "violenceGore", "bestiality",
                    "liveStreaming", "infant", "generativeAi"]),
            ["Hash"] = new Leaf(Simple.String, new Attr("hashType", Simple.String, Required: true)),
            ["Details"] = new Seq([T("nameValuePair", "NameValuePair", 1, M)], [new Attr("type", Simple.DetailsType)]),
            ["NameValuePair"] = new Seq(S("name", 1), S("value", 1)),
        };
        return types;
    }

    private enum Simple
    {
        String,
        Token,
        Bool,
        Int,
        Long,
        Double,
        DateTime,
        Date,
        Empty,
        IncidentType,
        EventName,
        Relevance,
        Classification,
        EmailType,
        PhoneType,
        AddressType,
        BatchReason,
        DetailsType,
        AccountType,
    }

    private abstract record Model(Attr[] Attributes);

    private sealed record Seq(P[] Particles, Attr[] Attrs) : Model(Attrs)
    {
        public Seq(params P[] particles)
            : this(particles, [])
        {
        }
    }

    private sealed record Choice(params P[] Particles) : Model([]);

    private sealed record All(string[] Flags) : Model([]);

    private sealed record Leaf(Simple Type, params Attr[] Attrs) : Model(Attrs);

    private sealed record P(string Name, string Type, int Min, int Max);

    private sealed record Attr(string Name, Simple Type, bool Required = false);
}
