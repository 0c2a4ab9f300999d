namespace Coop.Domain.ChildSafety;

/// <summary>Which CyberTipline a credential set talks to. Bound to the credentials; never chosen anywhere else.</summary>
public enum NcmecEnvironment
{
    Test = 0,
    Production = 1,
}

/// <summary>NCMEC's incident types (<c>incidentSummary/incidentType</c>); <see cref="NcmecVocabulary.IncidentTypeText"/> gives the wire string.</summary>
public enum NcmecIncidentType
{
    ChildPornography = 0,
    ChildSexTrafficking = 1,
    ChildSexTourism = 2,
    ChildSexualMolestation = 3,
    MisleadingDomainName = 4,
    MisleadingWordsOrDigitalImages = 5,
    OnlineEnticement = 6,
    UnsolicitedObsceneMaterialSentToChild = 7,
}

/// <summary>The Tech Coalition industry classification of one reported file. Media a reviewer marks "None" are not reported.</summary>
public enum NcmecIndustryClassification
{
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
}

/// <summary>The ten <c>fileAnnotations</c> presence flags of a reported file.</summary>
[Flags]
public enum NcmecFileAnnotations
{
    None = 0,
    AnimeDrawingVirtualHentai = 1 << 0,
    PotentialMeme = 1 << 1,
    Viral = 1 << 2,
    PossibleSelfProduction = 1 << 3,
    PhysicalHarm = 1 << 4,
    ViolenceGore = 1 << 5,
    Bestiality = 1 << 6,
    LiveStreaming = 1 << 7,
    Infant = 1 << 8,
    GenerativeAi = 1 << 9,
}

/// <summary>The org's default <c>internetDetails</c> choice (one element of that kind is emitted; none when null).</summary>
public enum NcmecInternetDetailType
{
    WebPage = 0,
    Email = 1,
    Newsgroup = 2,
    ChatIm = 3,
    OnlineGaming = 4,
    CellPhone = 5,
    NonInternet = 6,
    PeerToPeer = 7,
}

/// <summary>How much of a job's media a reviewer must classify before submitting.</summary>
public enum NcmecMediaReviewRequirement
{
    All = 0,
    Minimum = 1,
}

/// <summary>Wire strings of the vocabulary, exactly as NCMEC's schema spells them.</summary>
public static class NcmecVocabulary
{
    public const int AdditionalInfoMaxLength = 3000;
    public const int EscalationReasonMaxLength = 3000;

    public static string IncidentTypeText(NcmecIncidentType type) => type switch
    {
        NcmecIncidentType.ChildPornography => "Child Pornography (possession, manufacture, and distribution)",
        NcmecIncidentType.ChildSexTrafficking => "Child Sex Trafficking",
        NcmecIncidentType.ChildSexTourism => "Child Sex Tourism",
        NcmecIncidentType.ChildSexualMolestation => "Child Sexual Molestation",
        NcmecIncidentType.MisleadingDomainName => "Misleading Domain Name",
        NcmecIncidentType.MisleadingWordsOrDigitalImages => "Misleading Words or Digital Images on the Internet",
        NcmecIncidentType.OnlineEnticement => "Online Enticement of Children for Sexual Acts",
        NcmecIncidentType.UnsolicitedObsceneMaterialSentToChild => "Unsolicited Obscene Material Sent to a Child",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The element names of <see cref="NcmecFileAnnotations"/>, in the flag order above.</summary>
    public static IReadOnlyList<(NcmecFileAnnotations Flag, string Element)> FileAnnotationElements { get; } =
    [
        (NcmecFileAnnotations.AnimeDrawingVirtualHentai, "animeDrawingVirtualHentai"),
        (NcmecFileAnnotations.PotentialMeme, "potentialMeme"),
        (NcmecFileAnnotations.Viral, "viral"),
        (NcmecFileAnnotations.PossibleSelfProduction, "possibleSelfProduction"),
        (NcmecFileAnnotations.PhysicalHarm, "physicalHarm"),
        (NcmecFileAnnotations.ViolenceGore, "violenceGore"),
        (NcmecFileAnnotations.Bestiality, "bestiality"),
        (NcmecFileAnnotations.LiveStreaming, "liveStreaming"),
        (NcmecFileAnnotations.Infant, "infant"),
        (NcmecFileAnnotations.GenerativeAi, "generativeAi"),
    ];

    public static string InternetDetailElement(NcmecInternetDetailType type) => type switch
    {
        NcmecInternetDetailType.WebPage => "webPageIncident",
        NcmecInternetDetailType.Email => "emailIncident",
        NcmecInternetDetailType.Newsgroup => "newsgroupIncident",
        NcmecInternetDetailType.ChatIm => "chatImIncident",
        NcmecInternetDetailType.OnlineGaming => "onlineGamingIncident",
        NcmecInternetDetailType.CellPhone => "cellPhoneIncident",
        NcmecInternetDetailType.NonInternet => "nonInternetIncident",
        NcmecInternetDetailType.PeerToPeer => "peer2peerIncident",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
