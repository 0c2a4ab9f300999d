using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Domain.Wellness;
using Coop.Web.Application;
using Coop.Web.Features.Review.Decisions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>
/// The child-safety reviewer's form for an NCMEC job: every medium blurred and grayscale (stricter than the reviewer's
/// wellness settings when those are lighter), classified A1/A2/B1/B2/None with the keyboard or buttons, annotated with
/// NCMEC's file annotations; the incident type, escalation, additional information and threads; Submit or No report.
/// </summary>
public sealed partial class NcmecReviewForm
{
    private static readonly NcmecMediumCategory[] Options =
        [NcmecMediumCategory.A1, NcmecMediumCategory.A2, NcmecMediumCategory.B1, NcmecMediumCategory.B2, NcmecMediumCategory.None];

    private readonly Dictionary<string, NcmecMediumCategory> categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NcmecFileAnnotations> annotations = new(StringComparer.Ordinal);
    private readonly HashSet<string> threads = new(StringComparer.Ordinal);

    /// <summary>Media the reviewer has seen unblurred: only these are reported to NCMEC as viewed by the ESP (a factual claim).</summary>
    private readonly HashSet<string> viewed = new(StringComparer.Ordinal);
    private ElementReference[] cards = [];
    private NcmecJobView? view;
    private WellnessPreferences strict = WellnessPreferences.Default;
    private NcmecIncidentType? incidentType;
    private bool escalate;
    private string? escalationReason;
    private string? additionalInfo;
    private bool allShown;
    private bool busy;
    private int focused = -1;
    private string? loadedFor;

    [Parameter, EditorRequired]
    public string JobId { get; set; } = string.Empty;

    [Parameter]
    public bool CanDecide { get; set; }

    [Parameter]
    public EventCallback<DecisionOutcome> OnDecided { get; set; }

    /// <summary>The reviewer's own wellness settings; the form never shows media more openly than they ask.</summary>
    [CascadingParameter]
    public WellnessPreferences? Wellness { get; set; }

    [Inject] private IQueryHandler<GetNcmecJobQuery, NcmecJobView?> GetJob { get; set; } = default!;
    [Inject] private ICommandHandler<SubmitNcmecReportCommand, NcmecDecisionOutcome> Submit { get; set; } = default!;
    [Inject] private ICommandHandler<DeclineNcmecReportCommand, NcmecDecisionOutcome> Decline { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private int ClassifiedCount => view?.Media.Count(m => categories.ContainsKey(m.Key)) ?? 0;

    private string RequirementText => view!.Requirement == NcmecMediaReviewRequirement.All
        ? "every medium must be classified"
        : $"at least {view.RequiredCount} must be classified";

    /// <summary>Blurred (at least level 4), grayscale, muted, never unblurred on hover — or the reviewer's settings where stricter.</summary>
    public static WellnessPreferences Strict(WellnessPreferences? own) => new(
        Math.Max(own?.BlurLevel ?? 0, 4), MediaTone.Grayscale, false, true);

    protected override async Task OnParametersSetAsync()
    {
        strict = Strict(Wellness);
        if (loadedFor == JobId)
        {
            return;
        }

        loadedFor = JobId;
        categories.Clear();
        annotations.Clear();
        threads.Clear();
        viewed.Clear();
        (incidentType, escalate, escalationReason, additionalInfo, allShown, focused) = (null, false, null, null, false, -1);
        Errors = new Dictionary<string, string[]>();
        view = await GetJob.HandleAsync(new GetNcmecJobQuery(JobId));
        cards = new ElementReference[view?.Media.Count ?? 0];
    }

    private NcmecMediumCategory? Category(string key) => categories.TryGetValue(key, out var c) ? c : null;

    private bool Has(string key, NcmecFileAnnotations flag) => annotations.TryGetValue(key, out var a) && a.HasFlag(flag);

    private string CardClass(int index, NcmecMediumCategory? category) =>
        "coop-ncmec-medium" + (index == focused ? " coop-focused" : string.Empty) + (category is null ? string.Empty : " coop-classified");

    private void Classify(string key, NcmecMediumCategory category) => categories[key] = category;

    private void Annotate(string key, NcmecFileAnnotations flag, bool on) =>
        annotations[key] = on ? annotations.GetValueOrDefault(key) | flag : annotations.GetValueOrDefault(key) & ~flag;

    private void ToggleThread(string key, bool on)
    {
        if (on)
        {
            threads.Add(key);
        }
        else
        {
            threads.Remove(key);
        }
    }

    private void ToggleAll(bool shown) => allShown = shown;

    private async Task OnKeyAsync(KeyboardEventArgs e, int index)
    {
        if (view is null || !CanDecide || e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }

        focused = index;
        var key = view.Media[index].Key;
        NcmecMediumCategory? chosen = e.Key switch
        {
            "1" => NcmecMediumCategory.A1,
            "2" => NcmecMediumCategory.A2,
            "3" => NcmecMediumCategory.B1,
            "4" => NcmecMediumCategory.B2,
            "0" => NcmecMediumCategory.None,
            _ => null,
        };
        if (chosen is { } category)
        {
            // No automatic advance: a key pressed before the focus moved would classify the wrong medium.
            Classify(key, category);
            return;
        }

        switch (e.Key)
        {
            case "j" or "J" or "ArrowRight" or "ArrowDown":
                await MoveAsync(index + 1);
                break;
            case "k" or "K" or "ArrowLeft" or "ArrowUp":
                await MoveAsync(index - 1);
                break;
        }
    }

    private async Task MoveAsync(int index)
    {
        if (index < 0 || index >= cards.Length)
        {
            return;
        }

        focused = index;
        await cards[index].FocusAsync();
    }

    private string? First(string key) => Errors.TryGetValue(key, out var list) ? list.FirstOrDefault() : null;

    private static string AnnotationLabel(NcmecFileAnnotations flag) => flag switch
    {
        NcmecFileAnnotations.AnimeDrawingVirtualHentai => "Anime / drawing",
        NcmecFileAnnotations.PotentialMeme => "Potential meme",
        NcmecFileAnnotations.Viral => "Viral",
        NcmecFileAnnotations.PossibleSelfProduction => "Possible self-production",
        NcmecFileAnnotations.PhysicalHarm => "Physical harm",
        NcmecFileAnnotations.ViolenceGore => "Violence / gore",
        NcmecFileAnnotations.Bestiality => "Bestiality",
        NcmecFileAnnotations.LiveStreaming => "Live streaming",
        NcmecFileAnnotations.Infant => "Infant",
        NcmecFileAnnotations.GenerativeAi => "Generative AI",
        _ => flag.ToString(),
    };

    private async Task SubmitAsync()
    {
        var media = categories.Select(c => new NcmecMediumInput(c.Key, c.Value, annotations.GetValueOrDefault(c.Key), viewed.Contains(c.Key))).ToList();
        await RunAsync(() => Submit.HandleAsync(new SubmitNcmecReportCommand(JobId, incidentType, media, escalate, escalationReason, additionalInfo, [.. threads])),
            DecisionKind.SubmitNcmecReport);
    }

    private Task DeclineAsync() => RunAsync(() => Decline.HandleAsync(new DeclineNcmecReportCommand(JobId)), DecisionKind.Ignore);

    private async Task RunAsync(Func<Task<NcmecDecisionOutcome>> decide, DecisionKind kind)
    {
        busy = true;
        Errors = new Dictionary<string, string[]>();
        try
        {
            var outcome = await decide();
            await OnDecided.InvokeAsync(new DecisionOutcome(outcome.JobId, kind, [], null));
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        finally
        {
            busy = false;
        }
    }
}
