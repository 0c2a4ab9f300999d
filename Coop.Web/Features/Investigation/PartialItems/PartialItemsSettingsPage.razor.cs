using Coop.Domain.Actions;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Investigation.PartialItems;

/// <summary>Settings → Partial items: the platform endpoint Coop fetches unknown items from, its write-only headers, and a try-it fetch.</summary>
public sealed partial class PartialItemsSettingsPage
{
    private FormModel? form;
    private bool saving;
    private bool testing;
    private string? testTypeId;
    private string? testItemId;
    private string? testResult;
    private bool testOk;

    [Inject]
    private IQueryHandler<GetPartialItemsSettingsQuery, PartialItemsSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<SavePartialItemsSettingsCommand, PartialItemsSettingsView> SaveSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<TestPartialItemsCommand, PartialItemsOutcome> TestFetch { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => form = FormModel.From(await GetSettings.HandleAsync(new GetPartialItemsSettingsQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            form = FormModel.From(await SaveSettings.HandleAsync(new SavePartialItemsSettingsCommand(form!.Endpoint,
                [.. form.Headers.Select(h => new ActionHeaderInput(h.Name, h.IsSaved && !h.Replacing ? null : h.Value ?? string.Empty))])));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the partial items settings.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task TestAsync()
    {
        testing = true;
        try
        {
            var outcome = await TestFetch.HandleAsync(new TestPartialItemsCommand(testTypeId ?? string.Empty, testItemId ?? string.Empty));
            testOk = outcome.Stored.Count > 0;
            testResult = testOk ? $"Fetched and stored {outcome.Stored[0].TypeId}/{outcome.Stored[0].Id}." + (outcome.Error is null ? string.Empty : $" {outcome.Error}")
                : outcome.Error ?? "The platform did not return that item.";
        }
        catch (ValidationFailedException ex)
        {
            testOk = false;
            testResult = string.Join(" ", ex.Errors.Values.SelectMany(v => v));
        }
        finally
        {
            testing = false;
        }
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public string? Endpoint { get; set; }

        public List<ActionFormModel.HeaderRow> Headers { get; init; } = [];

        public static FormModel From(PartialItemsSettingsView view) => new()
        {
            Endpoint = view.Endpoint,
            Headers = [.. view.HeaderNames.Select(n => new ActionFormModel.HeaderRow { Name = n, IsSaved = true })],
        };
    }
}
