using Coop.Domain.Hashing;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Coop.Web.Features.Rules.HashBanks;

public sealed partial class HashBanksPage
{
    /// <summary>The largest import file the page reads (about 400,000 HMA rows).</summary>
    private const long MaxImportBytes = 32 * 1024 * 1024;

    private IReadOnlyList<HashBankSummary>? banks;
    private HashBankSummary? selected;
    private HashBankSummary? deleting;
    private IReadOnlyList<HashBankEntryView>? entries;
    private BankForm? form;
    private string? editingId;
    private bool saving;
    private bool importing;
    private bool testing;
    private string? error;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private HashKind? importKind;
    private HashImportReport? importReport;
    private HashKind addKind = HashKind.Pdq;
    private string? addValue;
    private string? addLabel;
    private string? addError;
    private string? testUrl;
    private int testDistance = HashBankMatcher.DefaultMaxDistance;
    private ImageTestResult? testResult;

    [Inject]
    private IQueryHandler<ListHashBanksQuery, IReadOnlyList<HashBankSummary>> ListBanks { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListHashBankEntriesQuery, IReadOnlyList<HashBankEntryView>> ListEntries { get; set; } = default!;

    [Inject]
    private IQueryHandler<TestImageAgainstHashBanksQuery, ImageTestResult> TestImage { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateHashBankCommand, HashBankSummary> CreateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateHashBankCommand, HashBankSummary> UpdateBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteHashBankCommand, bool> DeleteBank { get; set; } = default!;

    [Inject]
    private ICommandHandler<AddHashCommand, HashBankSummary> AddHash { get; set; } = default!;

    [Inject]
    private ICommandHandler<RemoveHashCommand, bool> RemoveHash { get; set; } = default!;

    [Inject]
    private ICommandHandler<ImportHashesCommand, HashImportReport> ImportHashes { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await RunAsync(LoadAsync);

    private static string N(int count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync()
    {
        banks = await ListBanks.HandleAsync(new ListHashBanksQuery());
        if (selected is not null)
        {
            selected = banks.FirstOrDefault(b => b.Id == selected.Id);
            entries = selected is null ? null : await ListEntries.HandleAsync(new ListHashBankEntriesQuery(selected.Id));
        }
    }

    private void StartNew()
    {
        editingId = null;
        form = new BankForm { Enabled = true };
        errors = new Dictionary<string, string[]>();
    }

    private void StartEdit(HashBankSummary bank)
    {
        editingId = bank.Id;
        form = new BankForm { Name = bank.Name, Description = bank.Description, Enabled = bank.Enabled, ReportMatchesToNcmec = bank.ReportMatchesToNcmec };
        errors = new Dictionary<string, string[]>();
    }

    private async Task SelectAsync(HashBankSummary bank)
    {
        selected = bank;
        importReport = null;
        addError = null;
        await RunAsync(async () => entries = await ListEntries.HandleAsync(new ListHashBankEntriesQuery(bank.Id)));
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var saved = editingId is null
                ? await CreateBank.HandleAsync(new CreateHashBankCommand(form!.Name ?? string.Empty, form.Description, form.Enabled, form.ReportMatchesToNcmec))
                : await UpdateBank.HandleAsync(new UpdateHashBankCommand(editingId, form!.Name ?? string.Empty, form.Description, form.Enabled, form.ReportMatchesToNcmec));
            Snackbar.Add($"Saved hash bank '{saved.Name}'.", Severity.Success);
            form = null;
            selected ??= saved;
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
        var bank = deleting!;
        deleting = null;
        await RunAsync(async () =>
        {
            await DeleteBank.HandleAsync(new DeleteHashBankCommand(bank.Id));
            Snackbar.Add($"Deleted hash bank '{bank.Name}'.", Severity.Success);
            if (selected?.Id == bank.Id)
            {
                selected = null;
            }

            await LoadAsync();
        });
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null || selected is null)
        {
            return;
        }

        importing = true;
        importReport = null;
        try
        {
            if (file.Size > MaxImportBytes)
            {
                importReport = new HashImportReport(0, 0, 1, [new ImportProblem(0, $"The file is larger than {MaxImportBytes / (1024 * 1024)} MB; split it.")]);
                return;
            }

            string content;
            await using (var stream = file.OpenReadStream(MaxImportBytes))
            using (var reader = new StreamReader(stream))
            {
                content = await reader.ReadToEndAsync();
            }

            var bank = selected;
            await RunAsync(async () =>
            {
                importReport = await ImportHashes.HandleAsync(new ImportHashesCommand(bank.Id, content, importKind));
                await LoadAsync();
            });
        }
        finally
        {
            importing = false;
        }
    }

    private async Task AddAsync()
    {
        addError = null;
        try
        {
            await AddHash.HandleAsync(new AddHashCommand(selected!.Id, addKind, addValue ?? string.Empty, addLabel));
            Snackbar.Add("Added the hash.", Severity.Success);
            addValue = null;
            addLabel = null;
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            addError = ex.Message;
        }
        catch (ForbiddenAccessException ex)
        {
            addError = ex.Message;
        }
    }

    private async Task RemoveAsync(HashBankEntryView entry) => await RunAsync(async () =>
    {
        await RemoveHash.HandleAsync(new RemoveHashCommand(selected!.Id, entry.Id));
        await LoadAsync();
    });

    private async Task TestAsync()
    {
        testing = true;
        try
        {
            await RunAsync(async () => testResult = await TestImage.HandleAsync(new TestImageAgainstHashBanksQuery(testUrl ?? string.Empty, testDistance)));
        }
        finally
        {
            testing = false;
        }
    }

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            error = null;
            await work();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
            banks ??= [];
        }
    }

    private sealed class BankForm
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public bool Enabled { get; set; }

        public bool ReportMatchesToNcmec { get; set; }
    }
}
