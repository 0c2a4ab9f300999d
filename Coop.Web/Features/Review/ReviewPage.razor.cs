using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Review;

/// <summary>The reviewer's queues with pending counts, oldest job age and who is reviewing, updated live (no polling).</summary>
public sealed partial class ReviewPage
{
    private IReadOnlyList<QueueSummary>? queues;
    private IDisposable? subscription;
    private QueueEditor? editor;
    private System.Threading.Timer? ageTicker;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>> ListQueues { get; set; } = default!;

    [Inject]
    private ICommandHandler<StarQueueCommand, bool> Star { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private IQueryHandler<GetQueueEditorQuery, QueueEditor> GetEditor { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.Queues(organizationId), _ => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }));
        }

        // Ages grow on their own; redraw them every half minute without asking the server for anything.
        ageTicker = new System.Threading.Timer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        subscription?.Dispose();
        ageTicker?.Dispose();
    }

    private async Task LoadAsync() => queues = await ListQueues.HandleAsync(new ListReviewQueuesQuery());

    private async Task EditAsync(string? queueId) => editor = await GetEditor.HandleAsync(new GetQueueEditorQuery(queueId));

    private async Task SavedAsync()
    {
        editor = null;
        await LoadAsync();
    }

    private async Task StarAsync(QueueSummary queue)
    {
        await Star.HandleAsync(new StarQueueCommand(queue.Id, !queue.Starred));
        await LoadAsync();
    }

    private string Age(DateTime? oldest)
    {
        if (oldest is not { } at)
        {
            return "—";
        }

        var age = Time.GetUtcNow().UtcDateTime - at;
        return age.TotalMinutes < 1 ? "<1m" : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m" : age.TotalDays < 1 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalDays}d";
    }
}
