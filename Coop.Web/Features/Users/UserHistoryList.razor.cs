using Coop.Domain.ItemTypes;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Users;

/// <summary>
/// One section of a user's history, newest first, a page at a time ("Load more" asks for the page after the last
/// row). When <see cref="Version"/> changes (something happened to the user) it re-reads as many rows as it shows.
/// </summary>
public sealed partial class UserHistoryList
{
    private const int PageSize = 25;
    private readonly List<UserHistoryEntry> entries = [];
    private UserHistoryCursor? next;
    private bool loaded;
    private bool busy;
    private string? shown;
    private int shownVersion;

    [Parameter, EditorRequired]
    public string TypeId { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string Id { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public UserHistorySection Section { get; set; }

    /// <summary>Bumped by the page on every live event about the user.</summary>
    [Parameter]
    public int Version { get; set; }

    [Inject]
    private IQueryHandler<ListUserHistoryQuery, UserHistorySlice?> List { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private ItemIdentifier Self => new(Id, TypeId);

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{TypeId}/{Id}/{Section}";
        if (key != shown)
        {
            shown = key;
            shownVersion = Version;
            entries.Clear();
            await ReadAsync(null, PageSize);
        }
        else if (Version != shownVersion)
        {
            shownVersion = Version;
            var keep = Math.Clamp(entries.Count, PageSize, ListUserHistoryQuery.MaxTake);
            entries.Clear();
            await ReadAsync(null, keep);
        }
    }

    private async Task LoadMoreAsync()
    {
        busy = true;
        try
        {
            await ReadAsync(next, PageSize);
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ReadAsync(UserHistoryCursor? after, int take)
    {
        var page = await List.HandleAsync(new ListUserHistoryQuery(TypeId, Id, Section, after, take));
        entries.AddRange(page?.Entries ?? []);
        next = page?.Next;
        loaded = true;
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);
}
