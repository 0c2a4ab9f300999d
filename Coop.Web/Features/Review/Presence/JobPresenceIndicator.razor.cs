using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Review.Presence;

/// <summary>Marks the signed-in reviewer present on a job while shown, and lists who else is viewing it, live.</summary>
public sealed partial class JobPresenceIndicator
{
    private IReadOnlyList<JobViewer> others = [];
    private IAsyncDisposable? membership;
    private IDisposable? subscription;
    private string? joinedJobId;
    private string? userId;

    [Parameter, EditorRequired]
    public string JobId { get; set; } = string.Empty;

    [Inject]
    private IJobPresence Presence { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private ICurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (joinedJobId == JobId)
        {
            return;
        }

        await LeaveAsync();
        var actor = await CurrentUser.RequireActorAsync();
        userId = actor.UserId;
        joinedJobId = JobId;
        subscription = Live.Subscribe(LiveTopics.Job(JobId), e => e.Kind == LiveEventKinds.PresenceChanged
            ? InvokeAsync(() =>
            {
                Refresh();
                StateHasChanged();
            })
            : Task.CompletedTask);
        membership = await Presence.JoinAsync(actor.OrganizationId, JobId, new JobViewer(actor.UserId, actor.Name));
        Refresh();
    }

    public async ValueTask DisposeAsync() => await LeaveAsync();

    private void Refresh() => others = [.. Presence.ViewersOf(JobId).Where(v => v.UserId != userId)];

    private async Task LeaveAsync()
    {
        subscription?.Dispose();
        subscription = null;
        if (membership is not null)
        {
            await membership.DisposeAsync();
            membership = null;
        }
    }
}
