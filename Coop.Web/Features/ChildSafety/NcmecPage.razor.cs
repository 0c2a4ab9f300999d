using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.ChildSafety.Reports;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.ChildSafety;

/// <summary>The NCMEC reports page: every submission with its state, live.</summary>
public sealed partial class NcmecPage : IDisposable
{
    private NcmecReportsView? view;
    private IDisposable? subscription;
    private string? message;
    private bool messageIsError;
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IQueryHandler<ListNcmecSubmissionsQuery, NcmecReportsView> List { get; set; } = default!;

    [Inject] private ICommandHandler<RetryNcmecSubmissionCommand, NcmecSubmissionView> Retry { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.ChildSafety(organizationId), e => e.Kind != LiveEventKinds.NcmecSubmissionChanged
                ? Task.CompletedTask
                : InvokeAsync(async () =>
                {
                    try
                    {
                        view = await List.HandleAsync(new ListNcmecSubmissionsQuery());
                        StateHasChanged();
                    }
                    catch (Exception ex)
                    {
                        await DispatchExceptionAsync(ex);
                    }
                }));
        }

        view = await List.HandleAsync(new ListNcmecSubmissionsQuery());
    }

    public void Dispose() => subscription?.Dispose();

    private async Task RetryAsync(NcmecSubmissionView submission)
    {
        busy = true;
        try
        {
            var retried = await Retry.HandleAsync(new RetryNcmecSubmissionCommand(submission.Id));
            (message, messageIsError) = ($"The submission for user {retried.UserItemId} will be sent again within a minute.", false);
            view = await List.HandleAsync(new ListNcmecSubmissionsQuery());
        }
        catch (ValidationFailedException ex)
        {
            (message, messageIsError) = (ex.Message, true);
        }
        finally
        {
            busy = false;
        }
    }

    private static Color StateColor(NcmecSubmissionState state) => state switch
    {
        NcmecSubmissionState.Done => Color.Success,
        NcmecSubmissionState.Filed => Color.Success,
        NcmecSubmissionState.Failed => Color.Error,
        _ => Color.Info,
    };

    private static string PreservationText(NcmecSubmissionView submission) => submission.PreservationState switch
    {
        NcmecPreservationState.NotRequired => submission.Environment == NcmecEnvironment.Test ? "Not for test reports" : "No webhook",
        NcmecPreservationState.Pending => "Due",
        NcmecPreservationState.Failing => $"Failing ({submission.PreservationAttempts} attempts), retrying",
        NcmecPreservationState.Done => "Requested",
        _ => "—",
    };
}
