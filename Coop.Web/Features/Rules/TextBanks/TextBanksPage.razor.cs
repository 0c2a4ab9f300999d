using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Rules.TextBanks;

public sealed partial class TextBanksPage
{
    private IReadOnlyList<TextBankSummary>? banks;
    private TextBankFormModel? form;
    private TextBankSummary? editing;
    private TextBankSummary? deleting;
    private TextBankSummary? open;
    private bool saving;
    private string? error;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Inject]
    private IQueryHandler<ListTextBanksQuery, IReadOnlyList<TextBankSummary>> ListBanks { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateTextBankCommand, TextBankSummary> CreateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateTextBankCommand, TextBankSummary> UpdateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<AddTextBankEntriesCommand, TextBankSummary> AddEntries { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteTextBankCommand, bool> DeleteBank { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            banks = [];
        }
    }

    private async Task LoadAsync()
    {
        banks = await ListBanks.HandleAsync(new ListTextBanksQuery());
        open = open is null ? null : banks.FirstOrDefault(b => b.Id == open.Id);
    }

    private void StartNew()
    {
        editing = null;
        form = new TextBankFormModel();
        errors = new Dictionary<string, string[]>();
    }

    private void StartEdit(TextBankSummary bank)
    {
        editing = bank;
        form = TextBankFormModel.From(bank);
        errors = new Dictionary<string, string[]>();
    }

    private void Cancel()
    {
        form = null;
        editing = null;
    }

    private Task OpenAsync(TextBankSummary bank)
    {
        open = bank;
        return Task.CompletedTask;
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var entries = form!.EntryLines();
            TextBankSummary saved;
            if (editing is null)
            {
                saved = await CreateBank.HandleAsync(new CreateTextBankCommand(form.Name, form.Description, form.Kind, entries));
            }
            else
            {
                saved = await UpdateBank.HandleAsync(new UpdateTextBankCommand(editing.Id, form.Name, form.Description, null, editing.Version));
                if (entries.Count > 0)
                {
                    saved = await AddEntries.HandleAsync(new AddTextBankEntriesCommand(editing.Id, entries));
                }
            }

            Snackbar.Add($"Saved text bank '{saved.Name}' ({saved.EntryCount:N0} entries).", Severity.Success);
            Cancel();
            open = saved;
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        try
        {
            await DeleteBank.HandleAsync(new DeleteTextBankCommand(deleting!.Id));
            Snackbar.Add($"Deleted text bank '{deleting.Name}'.", Severity.Success);
            if (open?.Id == deleting.Id)
            {
                open = null;
            }

            deleting = null;
            error = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }
}
