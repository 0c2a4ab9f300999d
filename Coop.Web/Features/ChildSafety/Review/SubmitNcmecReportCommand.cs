using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Web.Application;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>
/// A child-safety reviewer's report decision on the NCMEC job they hold. Field keys of validation errors:
/// <c>incidentType</c>, <c>media</c>, <c>media/{key}</c>, <c>escalationReason</c>, <c>additionalInfo</c>, <c>threads</c>,
/// and "" for the job itself. Media left out of <see cref="Media"/> are unclassified.
/// </summary>
[RequiresPermission(Permissions.ViewChildSafetyData)]
public sealed record SubmitNcmecReportCommand(
    string JobId,
    NcmecIncidentType? IncidentType,
    IReadOnlyList<NcmecMediumInput> Media,
    bool Escalate = false,
    string? EscalationReason = null,
    string? AdditionalInfo = null,
    IReadOnlyList<string>? ThreadKeys = null);

/// <summary>
/// The reviewer's classification of one medium (by <see cref="NcmecJobMedium.Key"/>), its file annotations, and whether they saw
/// it unblurred (reported to NCMEC as <c>fileViewedByEsp</c>, a factual claim, so false unless the console saw it shown).
/// </summary>
public sealed record NcmecMediumInput(string Key, NcmecMediumCategory Category, NcmecFileAnnotations Annotations = NcmecFileAnnotations.None, bool Viewed = false);

/// <summary>A medium's industry classification, or None (reviewed; not reported). The numbers match <see cref="NcmecIndustryClassification"/>.</summary>
public enum NcmecMediumCategory
{
    None = 0,
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
}

/// <summary>"No report": the reviewer closes the NCMEC job without filing (an Ignore decision).</summary>
[RequiresPermission(Permissions.ViewChildSafetyData)]
public sealed record DeclineNcmecReportCommand(string JobId, string? Reason = null);

/// <summary>What an NCMEC decision recorded: the submission it created (none for "No report").</summary>
public sealed record NcmecDecisionOutcome(string JobId, string? SubmissionId);
