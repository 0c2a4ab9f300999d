using System.Security.Claims;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Review.Jobs;

/// <summary>Any job by its URL: anyone in the organization with review access can look; the holder can decide; an unclaimed job can be taken.</summary>
public sealed partial class JobPage
{
    private JobDetails? details;
    private DecisionOptions? options;
    private string? userId;
    private string? organizationId;
    private string? error;
    private bool loaded;
    private bool claimedHere;
    private IDisposable? subscription;
    private ClaimRenewal? renewal;

    [Parameter]
    public string JobId { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IQueryHandler<GetJobQuery, JobDetails?> GetJob { get; set; } = default!;
    [Inject] private IQueryHandler<GetDecisionOptionsQuery, DecisionOptions?> GetOptions { get; set; } = default!;
    [Inject] private ICommandHandler<ClaimJobCommand, ClaimedJob?> Claim { get; set; } = default!;
    [Inject] private ICommandHandler<ReleaseClaimCommand, bool> Release { get; set; } = default!;
    [Inject] private ICommandHandler<RenewClaimCommand, ClaimedJob?> Renew { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Options.IOptions<ReviewOptions> ReviewSettings { get; set; } = default!;
    [Inject] private ClaimTracker Tracker { get; set; } = default!;
    [Inject] private ILiveEvents Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private bool Holding => details is { IsOpen: true } d && d.ClaimedByUserId == userId && d.ClaimExpiresAt > Now;

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        userId = user?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        organizationId = user?.FindFirst(CoopClaimTypes.OrganizationId)?.Value;
        subscription?.Dispose();
        subscription = Live.Subscribe(LiveTopics.Job(JobId), e => e.Kind is LiveEventKinds.CommentAdded or LiveEventKinds.PresenceChanged
            ? Task.CompletedTask
            : InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }));
        await LoadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await StopRenewingAsync();
        // When the circuit closes, its handler has released the tracked claims already (it runs before components are disposed).
        if (claimedHere && Holding && Tracker.Holds(JobId))
        {
            try
            {
                await Release.HandleAsync(new ReleaseClaimCommand(JobId));
                Tracker.Forget(JobId);
            }
            catch (ObjectDisposedException)
            {
                // The circuit is gone; its handler releases tracked claims.
            }
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            details = await GetJob.HandleAsync(new GetJobQuery(JobId));
            options = details is null ? null : await GetOptions.HandleAsync(new GetDecisionOptionsQuery(JobId));
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            details = null;
        }

        loaded = true;
    }

    private async Task ClaimAsync()
    {
        if (await Claim.HandleAsync(new ClaimJobCommand(JobId)) is { } claimed)
        {
            claimedHere = true;
            Tracker.Track(organizationId ?? string.Empty, claimed.JobId, userId ?? string.Empty);
            await StopRenewingAsync();
            renewal = new ClaimRenewal(Time, Connection, ReviewSettings.Value.RenewInterval, () => InvokeAsync(RenewAsync));
        }
        else
        {
            error = "Someone else is reviewing this job.";
        }

        await LoadAsync();
    }

    private async Task OnDecidedAsync(DecisionOutcome outcome)
    {
        Tracker.Forget(outcome.JobId);
        claimedHere = false;
        await StopRenewingAsync();
        await LoadAsync();
    }

    /// <summary>Keeps the claim taken here alive while the reviewer is connected, as the work page does (see <see cref="ClaimRenewal"/>).</summary>
    private async Task RenewAsync()
    {
        if (!claimedHere)
        {
            return;
        }

        if (await Renew.HandleAsync(new RenewClaimCommand(JobId)) is null)
        {
            Tracker.Forget(JobId);
            claimedHere = false;
            await StopRenewingAsync();
            error = "Your claim on this job ended (it expired or went to someone else).";
            await LoadAsync();
        }

        StateHasChanged();
    }

    private async Task StopRenewingAsync()
    {
        if (renewal is not null)
        {
            await renewal.DisposeAsync();
            renewal = null;
        }
    }
}
