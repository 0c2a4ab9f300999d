namespace Coop.Domain.ChildSafety;

/// <summary>
/// What a child-safety reviewer decided to report about one user: stored (as JSON) on the <see cref="NcmecSubmission"/>
/// the decision creates, and turned into a <see cref="CyberTipReport"/> plus one file per medium by the submission
/// pipeline, with the org's <see cref="NcmecSettings"/> of the moment it is filed.
/// </summary>
public sealed record NcmecReportRequest(
    string UserItemId,
    string UserItemTypeId,
    NcmecIncidentType IncidentType,
    string? EscalationReason,
    string? AdditionalInfo,
    IReadOnlyList<NcmecReportedMedia> Media,
    IReadOnlyList<NcmecReportedThread> Threads);

/// <summary>
/// One medium the reviewer classified (media marked "None" are left out): the item it belongs to, the field it came
/// from, its URL, the reviewer's classification and annotations, and what the item says about it (creation time,
/// uploader IP, known hashes) when it says anything.
/// </summary>
public sealed record NcmecReportedMedia(
    string ItemId,
    string ItemTypeId,
    string Field,
    string Url,
    NcmecIndustryClassification Classification,
    NcmecFileAnnotations Annotations,
    DateTimeOffset? CreatedAt = null,
    string? IpAddress = null,
    IReadOnlyList<CyberTipFileHash>? Hashes = null,
    bool Viewed = false);

/// <summary>A message thread the reviewer chose to include; its messages are sent as a CSV transcript (supplemental).</summary>
public sealed record NcmecReportedThread(string ThreadItemId, string ThreadItemTypeId, IReadOnlyList<NcmecThreadMessage> Messages);

/// <summary>One message of a thread transcript.</summary>
public sealed record NcmecThreadMessage(string ItemId, string? AuthorId, string? Text, DateTimeOffset? SentAt);
