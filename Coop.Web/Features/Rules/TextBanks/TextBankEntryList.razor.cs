using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>One bank's entries: searchable, paged, and (with the live-rules permission) removable one by one.</summary>
public sealed partial class TextBankEntryList
{
    private const int PageSize = 100;
    private TextBankEntryPage? page;
    private string? search;
    private int skip;
    private string? loadedFor;

    [Parameter, EditorRequired]
    public TextBankSummary Bank { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private IQueryHandler<ListTextBankEntriesQuery, TextBankEntryPage?> ListEntries { get; set; } = default!;

    [Inject]
    private ICommandHandler<RemoveTextBankEntriesCommand, TextBankSummary> RemoveEntries { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Bank.Id}@{Bank.Version:O}";
        if (key != loadedFor)
        {
            loadedFor = key;
            await LoadAsync();
        }
    }

    private async Task LoadAsync() => page = await ListEntries.HandleAsync(new ListTextBankEntriesQuery(Bank.Id, search, skip, PageSize));

    private async Task SearchAsync(string value)
    {
        search = value;
        skip = 0;
        await LoadAsync();
    }

    private async Task MoveAsync(int by)
    {
        skip = Math.Max(0, skip + by);
        await LoadAsync();
    }

    private async Task RemoveAsync(string entry)
    {
        try
        {
            await RemoveEntries.HandleAsync(new RemoveTextBankEntriesCommand(Bank.Id, [entry]));
            Snackbar.Add("Removed the entry.", Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }
}
