using Coop.Domain.Moderation;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>Recent decisions, newest first, kept current live: when anyone decides, the list re-reads itself.</summary>
public sealed partial class RecentDecisionsList
{
    private IReadOnlyList<DecisionRow>? rows;
    private IDisposable? subscription;

    /// <summary>Only decisions about this item, when set (with <see cref="ItemTypeId"/>).</summary>
    [Parameter]
    public string? ItemId { get; set; }

    [Parameter]
    public string? ItemTypeId { get; set; }

    [Parameter]
    public int Take { get; set; } = 50;

    [Parameter]
    public string EmptyText { get; set; } = "No decisions yet.";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>> ListDecisions { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null
            && (await AuthenticationState).User.FindFirst(Infrastructure.Identity.CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.Decisions(organizationId), _ => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }));
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync()
    {
        try
        {
            rows = await ListDecisions.HandleAsync(new ListRecentDecisionsQuery(Take, ItemTypeId, ItemId));
        }
        catch (ForbiddenAccessException)
        {
            rows = [];
        }
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);

    private static string KindName(DecisionKind kind) => kind switch
    {
        DecisionKind.Ignore => "Ignored",
        DecisionKind.Action => "Actioned",
        DecisionKind.Move => "Moved",
        DecisionKind.EnqueueToNcmec => "To NCMEC",
        DecisionKind.SubmitNcmecReport => "NCMEC report",
        DecisionKind.AcceptAppeal => "Appeal accepted",
        DecisionKind.RejectAppeal => "Appeal rejected",
        _ => "Closed",
    };

    private static Color KindColor(DecisionKind kind) => kind switch
    {
        DecisionKind.Action or DecisionKind.RejectAppeal => Color.Error,
        DecisionKind.Ignore or DecisionKind.AcceptAppeal => Color.Success,
        DecisionKind.EnqueueToNcmec or DecisionKind.SubmitNcmecReport => Color.Warning,
        _ => Color.Default,
    };
}
