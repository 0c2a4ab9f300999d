using Coop.Web.Application;
using Coop.Web.Features.Rules.TextBanks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Coop.Web.Features.Rules.LocationBanks;

public sealed partial class LocationBanksPage
{
    private IReadOnlyList<LocationBankSummary>? banks;
    private FormModel? form;
    private LocationBankSummary? editing;
    private LocationBankSummary? deleting;
    private LocationBankEntryPage? open;
    private string? search;
    private bool saving;
    private string? error;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Inject]
    private IQueryHandler<ListLocationBanksQuery, IReadOnlyList<LocationBankSummary>> ListBanks { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListLocationBankEntriesQuery, LocationBankEntryPage?> ListEntries { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateLocationBankCommand, LocationBankSummary> CreateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateLocationBankCommand, LocationBankSummary> UpdateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteLocationBankCommand, bool> DeleteBank { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private List<string> EntryErrors => [.. errors.Where(e => e.Key.StartsWith("Entries", StringComparison.Ordinal)).SelectMany(e => e.Value)];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            banks = await ListBanks.HandleAsync(new ListLocationBanksQuery());
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            banks = [];
        }
    }

    private string? ErrorOf(string key) => errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private void StartNew()
    {
        editing = null;
        form = new FormModel();
        errors = new Dictionary<string, string[]>();
    }

    private async Task StartEditAsync(LocationBankSummary bank)
    {
        var lines = new List<string>();
        for (var skip = 0; skip < bank.EntryCount; skip += 1000)
        {
            var page = await ListEntries.HandleAsync(new ListLocationBankEntriesQuery(bank.Id, null, skip, 1000));
            lines.AddRange(page?.Entries ?? []);
        }

        editing = bank;
        form = new FormModel { Name = bank.Name, Description = bank.Description, Entries = string.Join('\n', lines) };
        errors = new Dictionary<string, string[]>();
    }

    private void Cancel()
    {
        form = null;
        editing = null;
    }

    private async Task OpenAsync(LocationBankSummary bank)
    {
        search = null;
        open = await ListEntries.HandleAsync(new ListLocationBankEntriesQuery(bank.Id, null, 0, 200));
    }

    private async Task SearchAsync(string value)
    {
        search = value;
        open = open is null ? null : await ListEntries.HandleAsync(new ListLocationBankEntriesQuery(open.Bank.Id, search, 0, 200));
    }

    private async Task ImportAsync(IBrowserFile file)
    {
        using var reader = new StreamReader(file.OpenReadStream(BankFileLines.MaxFileBytes));
        var content = await reader.ReadToEndAsync();
        form!.Entries = string.Join('\n', BankFileLines.Split(form.Entries).Concat(BankFileLines.Split(content)));
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var lines = BankFileLines.Split(form!.Entries);
            var saved = editing is null
                ? await CreateBank.HandleAsync(new CreateLocationBankCommand(form.Name, form.Description, lines))
                : await UpdateBank.HandleAsync(new UpdateLocationBankCommand(editing.Id, form.Name, form.Description, lines, editing.Version));
            Snackbar.Add($"Saved location bank '{saved.Name}' ({saved.EntryCount:N0} areas).", Severity.Success);
            Cancel();
            banks = await ListBanks.HandleAsync(new ListLocationBanksQuery());
            await OpenAsync(saved);
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
            await DeleteBank.HandleAsync(new DeleteLocationBankCommand(deleting!.Id));
            Snackbar.Add($"Deleted location bank '{deleting.Name}'.", Severity.Success);
            open = open?.Bank.Id == deleting.Id ? null : open;
            deleting = null;
            banks = await ListBanks.HandleAsync(new ListLocationBanksQuery());
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }

    private sealed class FormModel
    {
        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public string Entries { get; set; } = string.Empty;
    }
}
