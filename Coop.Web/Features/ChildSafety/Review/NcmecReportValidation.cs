using Coop.Domain.ChildSafety;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>Checks a report decision against the job's media and the organization's media review requirement.</summary>
internal static class NcmecReportValidation
{
    public static Dictionary<string, string[]> Validate(SubmitNcmecReportCommand command, IReadOnlyList<NcmecJobMedium> media, NcmecSettings settings, IReadOnlyCollection<string> threadKeys)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        if (command.IncidentType is not { } incident || !Enum.IsDefined(incident))
        {
            Add("incidentType", "Choose the incident type.");
        }

        var reason = Trimmed(command.EscalationReason);
        if (command.Escalate && reason is null)
        {
            Add("escalationReason", "Say why this report should be escalated to high priority.");
        }

        if (reason is { Length: > NcmecVocabulary.EscalationReasonMaxLength })
        {
            Add("escalationReason", $"Use at most {NcmecVocabulary.EscalationReasonMaxLength} characters.");
        }

        if (Trimmed(command.AdditionalInfo) is { Length: > NcmecVocabulary.AdditionalInfoMaxLength })
        {
            Add("additionalInfo", $"Use at most {NcmecVocabulary.AdditionalInfoMaxLength} characters.");
        }

        var keys = media.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var inputs = command.Media ?? [];
        foreach (var input in inputs)
        {
            if (!keys.Contains(input.Key))
            {
                Add($"media/{input.Key}", "This medium is not part of the job (it may have been updated); reload the job.");
            }
            else if (!Enum.IsDefined(input.Category) || ((int)input.Annotations & ~AllAnnotations) != 0)
            {
                Add($"media/{input.Key}", "Choose A1, A2, B1, B2 or None, and only NCMEC's file annotations.");
            }
        }

        if (inputs.GroupBy(i => i.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            Add("media", "Each medium is classified once.");
        }

        var classified = inputs.Where(i => keys.Contains(i.Key)).Select(i => i.Key).Distinct(StringComparer.Ordinal).Count();
        if (media.Count == 0)
        {
            Add("media", "This job has no media to report; choose No report, or wait for the job to gather the user's media.");
        }
        else if (settings.MediaReviewRequirement == NcmecMediaReviewRequirement.All && classified < media.Count)
        {
            Add("media", $"Your organization asks for every medium to be classified: {media.Count - classified} of {media.Count} are not.");
        }
        else if (settings.MediaReviewRequirement == NcmecMediaReviewRequirement.Minimum && classified < Math.Min(settings.MinimumMediaToReview, media.Count))
        {
            Add("media", $"Your organization asks for at least {Math.Min(settings.MinimumMediaToReview, media.Count)} classified media: {classified} are.");
        }

        if (media.Count > 0 && !inputs.Any(i => keys.Contains(i.Key) && i.Category != NcmecMediumCategory.None))
        {
            Add("media", "Classify at least one medium as A1, A2, B1 or B2: media marked None are not reported.");
        }

        foreach (var thread in (command.ThreadKeys ?? []).Where(t => !threadKeys.Contains(t)))
        {
            Add("threads", $"There is no thread '{thread}' of this user.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static int AllAnnotations => NcmecVocabulary.FileAnnotationElements.Aggregate(0, (all, a) => all | (int)a.Flag);
}
