using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Coop.Web.Features.Review.Comments;

/// <summary>A job's internal comments, live: comments by other reviewers appear as they are written.</summary>
public sealed partial class JobCommentsPanel
{
    private IReadOnlyList<JobCommentView>? comments;
    private IDisposable? subscription;
    private string? draft;
    private string? error;
    private bool saving;
    private MudTextField<string>? box;
    private string? subscribedJobId;

    [Parameter, EditorRequired]
    public string JobId { get; set; } = string.Empty;

    [Inject]
    private IQueryHandler<ListJobCommentsQuery, IReadOnlyList<JobCommentView>> ListComments { get; set; } = default!;

    [Inject]
    private ICommandHandler<AddJobCommentCommand, JobCommentView> AddComment { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteJobCommentCommand, bool> DeleteComment { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    /// <summary>Moves keyboard focus to the comment box (the job view's <c>c</c> shortcut).</summary>
    public async Task FocusAsync()
    {
        if (box is not null)
        {
            await box.FocusAsync();
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (subscribedJobId != JobId)
        {
            subscription?.Dispose();
            subscribedJobId = JobId;
            subscription = Live.Subscribe(LiveTopics.Job(JobId), e => e.Kind == LiveEventKinds.CommentAdded
                ? InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                })
                : Task.CompletedTask);
        }

        await LoadAsync();
    }

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync() => comments = await ListComments.HandleAsync(new ListJobCommentsQuery(JobId));

    private async Task AddAsync()
    {
        saving = true;
        try
        {
            await AddComment.HandleAsync(new AddJobCommentCommand(JobId, draft ?? string.Empty));
            draft = null;
            error = null;
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            error = ex.Message;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync(long id)
    {
        try
        {
            await DeleteComment.HandleAsync(new DeleteJobCommentCommand(id));
            await LoadAsync();
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private Task OnKeyDownAsync(KeyboardEventArgs e) =>
        e is { Key: "Enter", CtrlKey: true } && !string.IsNullOrWhiteSpace(draft) ? AddAsync() : Task.CompletedTask;
}
