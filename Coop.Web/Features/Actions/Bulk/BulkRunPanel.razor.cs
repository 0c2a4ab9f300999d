using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>One bulk run, live: its progress bar and counts move with every chunk the worker commits; Cancel stops it before the next chunk.</summary>
public sealed partial class BulkRunPanel
{
    private BulkRunDetails? details;
    private IDisposable? subscription;
    private bool missing;
    private bool cancelling;
    private string? message;

    [Parameter, EditorRequired]
    public string RunId { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetBulkActionRunQuery, BulkRunDetails?> GetRun { get; set; } = default!;

    [Inject]
    private ICommandHandler<CancelBulkActionCommand, bool> Cancel { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.BulkActions(organizationId), e => e.EntityId == RunId
                ? InvokeAsync(async () =>
                {
                    try
                    {
                        await LoadAsync();
                        StateHasChanged();
                    }
                    catch (Exception ex)
                    {
                        await DispatchExceptionAsync(ex);
                    }
                })
                : Task.CompletedTask);
        }
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync()
    {
        try
        {
            details = await GetRun.HandleAsync(new GetBulkActionRunQuery(RunId));
            missing = details is null;
        }
        catch (ForbiddenAccessException ex)
        {
            message = ex.Message;
        }
    }

    private async Task CancelAsync()
    {
        cancelling = true;
        try
        {
            await Cancel.HandleAsync(new CancelBulkActionCommand(RunId));
            message = null;
        }
        catch (ValidationFailedException ex)
        {
            message = ex.Message;
        }
        catch (ForbiddenAccessException ex)
        {
            message = ex.Message;
        }
        finally
        {
            cancelling = false;
        }

        await LoadAsync();
    }
}
