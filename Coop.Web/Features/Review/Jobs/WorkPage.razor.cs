using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Components.Shared;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Jobs.Components;
using Coop.Web.Features.Review.Settings;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Review.Jobs;

/// <summary>
/// Working a queue: claims the next job, shows it, renews the claim while the reviewer works, and after each decision,
/// skip or hand-off moves straight on. Leaving the page returns an undecided job to the queue.
/// Only the interactive page claims: the prerendered HTML (which a prefetch, a link preview or a tab closed at once may be all
/// that ever happens of a visit) shows the loading state. And only a connected page renews (see <see cref="ClaimRenewal"/>).
/// </summary>
public sealed partial class WorkPage
{
    private JobDetails? details;
    private DecisionOptions? options;
    private JobView? view;
    private IReadOnlyList<Hotkey> bindings = [];
    private IReadOnlyList<Colleague>? colleagues;
    private string? handTo;
    private string? error;
    private string? notice;
    private bool loading = true;
    private bool unblurred;
    private bool hideSkip;
    private DateTime? leaseUntil;
    private string? organizationId;
    private string? userId;
    private IDisposable? queueSubscription;
    private IDisposable? jobSubscription;
    private ClaimRenewal? renewal;
    private string? showing;
    private IDisposable? connectionRestored;

    [Parameter]
    public string QueueId { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ICommandHandler<ClaimNextJobCommand, ClaimedJob?> ClaimNext { get; set; } = default!;
    [Inject] private ICommandHandler<RenewClaimCommand, ClaimedJob?> Renew { get; set; } = default!;
    [Inject] private ICommandHandler<ReleaseClaimCommand, bool> Release { get; set; } = default!;
    [Inject] private ICommandHandler<SkipJobCommand, ClaimedJob?> Skip { get; set; } = default!;
    [Inject] private ICommandHandler<HandOffJobCommand, bool> HandOff { get; set; } = default!;
    [Inject] private IQueryHandler<ListHandOffCandidatesQuery, IReadOnlyList<Colleague>> Colleagues { get; set; } = default!;
    [Inject] private IQueryHandler<GetJobQuery, JobDetails?> GetJob { get; set; } = default!;
    [Inject] private IQueryHandler<GetDecisionOptionsQuery, DecisionOptions?> GetOptions { get; set; } = default!;
    [Inject] private IQueryHandler<GetReviewRulesQuery, ReviewRules> GetRules { get; set; } = default!;
    [Inject] private ClaimTracker Tracker { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILiveEvents Live { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Options.IOptions<ReviewOptions> ReviewSettings { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            // Prerendering: no circuit may ever follow this response, so take nothing; the page shows its loading state.
            return;
        }

        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        organizationId = user?.FindFirst(CoopClaimTypes.OrganizationId)?.Value;
        userId = user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var rules = await GetRules.HandleAsync(new GetReviewRulesQuery());
        hideSkip = rules.HideSkipForNonAdmins && user?.HasClaim(Permissions.ClaimType, Permissions.ManageOrg) != true;
        bindings =
        [
            new("i", "Ignore (no violation)", () => Decide(DecisionKind.Ignore)),
            new("a", "Take action: choose actions and policies", () => Decide(DecisionKind.Action)),
            new("m", "Move to another queue", () => Decide(DecisionKind.Move)),
            new("y", "Accept the appeal", () => Decide(DecisionKind.AcceptAppeal)),
            new("r", "Reject the appeal", () => Decide(DecisionKind.RejectAppeal)),
            new("ctrl+enter", "Submit the decision being prepared", () => view?.SubmitPreparedAsync() ?? Task.CompletedTask),
            new("e", "Write the reason", () => view?.FocusReasonAsync() ?? Task.CompletedTask),
            new("s", "Skip this job", SkipAsync),
            new("u", "Show or blur all media", () =>
            {
                unblurred = !unblurred;
                StateHasChanged();
                return Task.CompletedTask;
            }),
            new("c", "Write an internal comment", () => view?.FocusCommentAsync() ?? Task.CompletedTask),
        ];
        renewal = new ClaimRenewal(Time, Connection, ReviewSettings.Value.RenewInterval, () => InvokeAsync(RenewAsync));
        connectionRestored = Connection.OnRestored(() => _ = InvokeAsync(ResumeAsync));
        await NextAsync();
    }

    public async ValueTask DisposeAsync()
    {
        queueSubscription?.Dispose();
        jobSubscription?.Dispose();
        connectionRestored?.Dispose();
        if (renewal is not null)
        {
            await renewal.DisposeAsync();
        }

        // When the circuit closes, its handler has released the tracked claims already (it runs before components are disposed).
        if (details is { IsOpen: true } open && Tracker.Holds(open.Id))
        {
            try
            {
                await Release.HandleAsync(new ReleaseClaimCommand(open.Id));
                Tracker.Forget(open.Id);
            }
            catch (ObjectDisposedException)
            {
                // The circuit's scope is gone; the circuit handler releases what was tracked.
            }
        }
    }

    private Task Decide(DecisionKind kind)
    {
        var appealKind = kind is DecisionKind.AcceptAppeal or DecisionKind.RejectAppeal;
        return view is null || details is null || appealKind != (details.Appeal is not null) ? Task.CompletedTask : view.StartDecisionAsync(kind);
    }

    private async Task NextAsync(ClaimedJob? claimed = null, bool claimFirst = true)
    {
        loading = details is null;
        error = null;
        colleagues = null;
        try
        {
            claimed ??= claimFirst ? await ClaimNext.HandleAsync(new ClaimNextJobCommand(QueueId)) : null;
            await ShowAsync(claimed);
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            details = null;
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ShowAsync(ClaimedJob? claimed)
    {
        jobSubscription?.Dispose();
        jobSubscription = null;
        if (claimed is null)
        {
            details = null;
            options = null;
            leaseUntil = null;
            WatchQueue();
            return;
        }

        queueSubscription?.Dispose();
        queueSubscription = null;
        Tracker.Track(organizationId ?? string.Empty, claimed.JobId, userId ?? string.Empty);
        leaseUntil = claimed.ExpiresAt;
        // Held from now, though not on screen yet: on a loaded server reading the job can outlast a renewal or two.
        showing = claimed.JobId;
        try
        {
            details = await GetJob.HandleAsync(new GetJobQuery(claimed.JobId));
            options = await GetOptions.HandleAsync(new GetDecisionOptionsQuery(claimed.JobId));
        }
        finally
        {
            showing = null;
        }

        unblurred = false;
        jobSubscription = Live.Subscribe(LiveTopics.Job(claimed.JobId), e => e.Kind is LiveEventKinds.JobUpdated or LiveEventKinds.JobClaimed
            ? InvokeAsync(async () =>
            {
                if (details?.Id != claimed.JobId)
                {
                    return;
                }

                // The page may have moved on while this read (its claim ended and it took the next job): a late answer about
                // the old job must not put it back on screen.
                var reloaded = await GetJob.HandleAsync(new GetJobQuery(claimed.JobId));
                if (details?.Id == claimed.JobId)
                {
                    details = reloaded;
                    StateHasChanged();
                }
            })
            : Task.CompletedTask);
    }

    /// <summary>With nothing to do, wait for the queue to receive a job, then claim it.</summary>
    private void WatchQueue()
    {
        queueSubscription ??= Live.Subscribe(LiveTopics.Queue(QueueId), e => e.Kind is LiveEventKinds.JobEnqueued or LiveEventKinds.JobReleased
            ? InvokeAsync(async () =>
            {
                // A page whose browser is away takes nothing new; it looks again when the connection comes back.
                if (details is null && Connection.IsConnected)
                {
                    await NextAsync();
                    StateHasChanged();
                }
            })
            : Task.CompletedTask);
    }

    /// <summary>Back from a disconnected spell: with nothing shown, look for a job that arrived meanwhile (the renewal handles a held one).</summary>
    private async Task ResumeAsync()
    {
        if (details is null && !loading && error is null)
        {
            await NextAsync();
            StateHasChanged();
        }
    }

    private async Task OnDecidedAsync(DecisionOutcome outcome)
    {
        Tracker.Forget(outcome.JobId);
        notice = "Decision recorded.";
        details = null;
        await NextAsync();
    }

    private async Task SkipAsync()
    {
        if (details is not { IsOpen: true } job || hideSkip)
        {
            return;
        }

        Tracker.Forget(job.Id);
        notice = "Skipped.";
        var next = await Skip.HandleAsync(new SkipJobCommand(job.Id));
        details = null;
        await NextAsync(next, claimFirst: false);
    }

    private async Task ReleaseAsync()
    {
        if (details is { } job)
        {
            await Release.HandleAsync(new ReleaseClaimCommand(job.Id));
            Tracker.Forget(job.Id);
            details = null;
        }

        Navigation.NavigateTo("/review");
    }

    private async Task StartHandOffAsync()
    {
        if (details is { } job)
        {
            colleagues = await Colleagues.HandleAsync(new ListHandOffCandidatesQuery(job.Id));
            handTo = null;
        }
    }

    private async Task HandOffAsync()
    {
        if (details is not { } job || handTo is null)
        {
            return;
        }

        try
        {
            await HandOff.HandleAsync(new HandOffJobCommand(job.Id, handTo));
            Tracker.Forget(job.Id);
            notice = $"Handed to {colleagues?.FirstOrDefault(c => c.UserId == handTo)?.Name}.";
            details = null;
            await NextAsync();
        }
        catch (ValidationFailedException ex)
        {
            error = ex.Message;
        }
    }

    private async Task RenewAsync()
    {
        if (showing is { } arriving)
        {
            // The claim is taken and its job still loading: keep it (if it ended meanwhile, the next renewal finds out with
            // the job on screen and moves on).
            if (await Renew.HandleAsync(new RenewClaimCommand(arriving)) is { } kept)
            {
                leaseUntil = kept.ExpiresAt;
            }

            return;
        }

        if (details is not { IsOpen: true } job)
        {
            return;
        }

        var renewed = await Renew.HandleAsync(new RenewClaimCommand(job.Id));
        if (renewed is null)
        {
            Tracker.Forget(job.Id);
            notice = "Your claim on that job ended (it expired or went to someone else); here is the next one.";
            details = null;
            await NextAsync();
        }
        else
        {
            leaseUntil = renewed.ExpiresAt;
        }

        StateHasChanged();
    }
}
