using Coop.Domain.Moderation;
using Coop.Domain.Wellness;
using Coop.Web.Application;
using Coop.Web.Features.Review.Comments;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Wellness;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Review.Jobs.Components;

/// <summary>The job view: the item and everything around it on the left, the decision and the reviewer's context on the right.</summary>
public sealed partial class JobView
{
    private DecisionPanel? decisionPanel;
    private JobCommentsPanel? comments;
    private WellnessPreferences? wellness;

    [Inject]
    private IQueryHandler<GetMyWellnessQuery, MyWellnessView> GetWellness { get; set; } = default!;

    [Parameter, EditorRequired]
    public JobDetails Details { get; set; } = default!;

    [Parameter]
    public DecisionOptions? Options { get; set; }

    /// <summary>True when the signed-in reviewer holds the job and may decide it.</summary>
    [Parameter]
    public bool CanDecide { get; set; }

    [Parameter]
    public bool MediaUnblurred { get; set; }

    [Parameter]
    public EventCallback<DecisionOutcome> OnDecided { get; set; }

    /// <summary>Skip, release, hand-off or claim buttons, as the hosting page offers them.</summary>
    [Parameter]
    public RenderFragment? Toolbar { get; set; }

    /// <summary>The reviewer's wellness settings, read once per view: media stays blurred with Coop's defaults until they load.</summary>
    protected override async Task OnInitializedAsync() => wellness = (await GetWellness.HandleAsync(new GetMyWellnessQuery())).Effective;

    /// <summary>A child-safety job: the NCMEC review form replaces the decision panel, and media are shown under the strict child-safety settings.</summary>
    private bool IsNcmec => Details.QueueKind == QueueKind.Ncmec;

    private WellnessPreferences? MediaPreferences => IsNcmec ? ChildSafety.Review.NcmecReviewForm.Strict(wellness) : wellness;

    public Task StartDecisionAsync(DecisionKind kind) => decisionPanel?.StartAsync(kind) ?? Task.CompletedTask;

    public Task SubmitPreparedAsync() => decisionPanel?.SubmitPreparedAsync() ?? Task.CompletedTask;

    public Task FocusReasonAsync() => decisionPanel?.FocusReasonAsync() ?? Task.CompletedTask;

    public Task FocusCommentAsync() => comments?.FocusAsync() ?? Task.CompletedTask;

    private string SourceText => Details.Source switch
    {
        JobSource.Report => "From reports",
        JobSource.Appeal => "From an appeal",
        JobSource.RuleExecution => "From a rule",
        JobSource.PostActions => "Sent by the platform",
        JobSource.Moved => "Moved here by a reviewer",
        _ => "Enqueued by hand",
    };

    private static string HistoryText(JobHistoryEntry entry) => entry.Kind switch
    {
        JobEventKind.Created => entry.Detail ?? "Created",
        JobEventKind.ReportAttached => entry.Detail ?? "Reported again",
        JobEventKind.Claimed => $"Claimed by {entry.User}",
        JobEventKind.Released => $"Returned to the queue by {entry.User}",
        JobEventKind.Skipped => $"Skipped by {entry.User}",
        JobEventKind.Expired => $"Claim of {entry.OtherUser} expired",
        JobEventKind.HandedOff => $"Handed by {entry.User} to {entry.OtherUser}",
        JobEventKind.Moved => $"Moved here by {entry.User} ({entry.Detail})",
        JobEventKind.Decided => $"Decided by {entry.User}: {entry.Detail}",
        _ => entry.Kind.ToString(),
    };
}
