using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.OrganizationSettings;

/// <summary>Settings → Organization: the editable details form.</summary>
public sealed partial class OrganizationDetailsForm
{
    private FormModel? form;
    private bool saving;

    [Inject]
    private IQueryHandler<GetOrganizationSettingsQuery, OrganizationSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateOrganizationCommand, OrganizationSettingsView> Update { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => form = FormModel.From(await GetSettings.HandleAsync(new GetOrganizationSettingsQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            form = FormModel.From(await Update.HandleAsync(new UpdateOrganizationCommand(form!.Name ?? string.Empty, form.Email ?? string.Empty, form.WebsiteUrl, form.OnCallAlertEmail)));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the organization details.", Severity.Success);
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

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? WebsiteUrl { get; set; }

        public string? OnCallAlertEmail { get; set; }

        public static FormModel From(OrganizationSettingsView view) =>
            new() { Name = view.Name, Email = view.Email, WebsiteUrl = view.WebsiteUrl, OnCallAlertEmail = view.OnCallAlertEmail };
    }
}
