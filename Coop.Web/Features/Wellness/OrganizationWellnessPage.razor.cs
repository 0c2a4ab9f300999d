using Coop.Domain.Wellness;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Wellness;

/// <summary>Settings → Wellness: the organization's media defaults for every reviewer.</summary>
public sealed partial class OrganizationWellnessPage
{
    private FormModel? form;
    private bool saving;

    [Inject]
    private IQueryHandler<GetOrganizationWellnessQuery, WellnessPreferences> GetDefaults { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveOrganizationWellnessCommand, WellnessPreferences> SaveDefaults { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => form = FormModel.From(await GetDefaults.HandleAsync(new GetOrganizationWellnessQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            form = FormModel.From(await SaveDefaults.HandleAsync(new SaveOrganizationWellnessCommand(form!.ToPreferences())));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the wellness defaults. Reviewers see them on the next job they open.", Severity.Success);
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
        public int BlurLevel { get; set; }

        public MediaTone Tone { get; set; }

        public bool UnblurOnHover { get; set; }

        public bool MuteVideos { get; set; }

        public static FormModel From(WellnessPreferences p) => new() { BlurLevel = p.BlurLevel, Tone = p.Tone, UnblurOnHover = p.UnblurOnHover, MuteVideos = p.MuteVideos };

        public WellnessPreferences ToPreferences() => new(BlurLevel, Tone, UnblurOnHover, MuteVideos);
    }
}
