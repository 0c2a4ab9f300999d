using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Review.Context;

/// <summary>
/// The author (or user) behind a job's item with their recent items, prior decisions and strikes; it re-reads itself
/// when anything happens to the item or the user, so another moderator's action shows up at once.
/// </summary>
public sealed partial class UserContextPanel
{
    private readonly List<IDisposable> subscriptions = [];
    private UserContext? context;
    private IReadOnlyList<UserNoteView> notes = [];
    private string? noteDraft;
    private string? noteError;
    private bool loaded;
    private string? watching;

    [Parameter, EditorRequired]
    public string ItemTypeId { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string ItemId { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetUserContextQuery, UserContext?> GetContext { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListUserNotesQuery, IReadOnlyList<UserNoteView>> ListNotes { get; set; } = default!;

    [Inject]
    private ICommandHandler<AddUserNoteCommand, UserNoteView> AddNote { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        var organizationId = AuthenticationState is null ? null : (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value;
        var key = $"{ItemTypeId}/{ItemId}/{context?.User}";
        if (organizationId is null || key == watching)
        {
            return;
        }

        Unsubscribe();
        watching = key;
        subscriptions.Add(Live.Subscribe(LiveTopics.Item(organizationId, ItemTypeId, ItemId), OnChangeAsync));
        if (context is { } known && (known.User.TypeId != ItemTypeId || known.User.Id != ItemId))
        {
            subscriptions.Add(Live.Subscribe(LiveTopics.Item(organizationId, known.User.TypeId, known.User.Id), OnChangeAsync));
        }
    }

    public void Dispose() => Unsubscribe();

    private Task OnChangeAsync(LiveEvent liveEvent) => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private async Task LoadAsync()
    {
        context = await GetContext.HandleAsync(new GetUserContextQuery(ItemTypeId, ItemId));
        notes = context is null ? [] : await ListNotes.HandleAsync(new ListUserNotesQuery(context.User.TypeId, context.User.Id));
        loaded = true;
    }

    private async Task AddNoteAsync()
    {
        if (context is null)
        {
            return;
        }

        try
        {
            await AddNote.HandleAsync(new AddUserNoteCommand(context.User.TypeId, context.User.Id, noteDraft ?? string.Empty));
            noteDraft = null;
            noteError = null;
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            noteError = ex.Message;
        }
    }

    private void Unsubscribe()
    {
        subscriptions.ForEach(s => s.Dispose());
        subscriptions.Clear();
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);
}
