using Coop.Domain.Signals;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Rules.Integrations;

/// <summary>One signal's organization settings (secrets write-only: "set", replace, clear) and a test run on a sample text.</summary>
public sealed partial class IntegrationCard
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> secretInputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> arguments = new(StringComparer.Ordinal);
    private readonly HashSet<string> replacing = new(StringComparer.Ordinal);
    private readonly HashSet<string> clearing = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private IntegrationView view = default!;
    private string? sampleText;
    private IntegrationTestOutcome? testOutcome;
    private bool saving;
    private bool testing;

    [Parameter, EditorRequired]
    public IntegrationView Integration { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveIntegrationSettingsCommand, IntegrationView> SaveSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<TestIntegrationCommand, IntegrationTestOutcome> TestSignal { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized()
    {
        Load(Integration);
        foreach (var field in Integration.ConditionFields)
        {
            arguments[field.Key] = field.DefaultValue ?? (field.Type == SignalFieldType.Choice ? (field.Choices.Count > 0 ? field.Choices[0] : null) : null);
        }
    }

    private void Load(IntegrationView loaded)
    {
        view = loaded;
        replacing.Clear();
        clearing.Clear();
        foreach (var field in loaded.Fields)
        {
            if (field.IsSecret)
            {
                secretInputs[field.Field.Key] = null;
            }
            else
            {
                values[field.Field.Key] = field.Value;
            }
        }
    }

    private void Replace(string key)
    {
        clearing.Remove(key);
        replacing.Add(key);
    }

    private void Clear(string key)
    {
        if (!clearing.Add(key))
        {
            clearing.Remove(key);
        }
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in view.Fields.Where(f => f.IsSecret))
            {
                var key = field.Field.Key;
                if (clearing.Contains(key))
                {
                    secrets[key] = null;
                }
                else if (!string.IsNullOrWhiteSpace(secretInputs.GetValueOrDefault(key)))
                {
                    secrets[key] = secretInputs[key];
                }
            }

            Load(await SaveSettings.HandleAsync(new SaveIntegrationSettingsCommand(view.SignalId, values, secrets)));
            errors = new Dictionary<string, string[]>();
            Snackbar.Add($"Saved the settings of {view.Name}.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
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
            testOutcome = await TestSignal.HandleAsync(new TestIntegrationCommand(view.SignalId, sampleText ?? string.Empty,
                arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!)));
        }
        catch (ValidationFailedException ex)
        {
            testOutcome = new IntegrationTestOutcome(false, null, string.Join(" ", ex.Errors.Values.SelectMany(v => v)));
        }
        finally
        {
            testing = false;
        }
    }

    private string Id(string part) => $"integration-{Integration.SignalId}-{part}";

    private string? ErrorFor(string key) => errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static string? HelperFor(SignalConfigurationField field) =>
        field.DefaultValue is null ? field.Description : $"{field.Description} Default: {field.DefaultValue}.".Trim();
}
