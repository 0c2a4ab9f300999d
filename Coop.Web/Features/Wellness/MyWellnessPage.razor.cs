using Coop.Domain.Wellness;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Wellness;

/// <summary>Account → Wellness: a reviewer's own media settings on top of the organization's defaults.</summary>
public sealed partial class MyWellnessPage
{
    private MyWellnessView? view;
    private FormModel? form;
    private bool saving;

    [Inject]
    private IQueryHandler<GetMyWellnessQuery, MyWellnessView> GetWellness { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveMyWellnessCommand, MyWellnessView> SaveWellness { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => Show(await GetWellness.HandleAsync(new GetMyWellnessQuery()));

    private void UseDefaults() => form = FormModel.From(WellnessOverrides.None);

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            Show(await SaveWellness.HandleAsync(new SaveMyWellnessCommand(form!.ToOverrides())));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved your wellness settings.", Severity.Success);
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

    private void Show(MyWellnessView loaded)
    {
        view = loaded;
        form = FormModel.From(loaded.Overrides);
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public int? BlurLevel { get; set; }

        public MediaTone? Tone { get; set; }

        public bool? UnblurOnHover { get; set; }

        public bool? MuteVideos { get; set; }

        public static FormModel From(WellnessOverrides o) => new() { BlurLevel = o.BlurLevel, Tone = o.Tone, UnblurOnHover = o.UnblurOnHover, MuteVideos = o.MuteVideos };

        public WellnessOverrides ToOverrides() => new(BlurLevel, Tone, UnblurOnHover, MuteVideos);
    }
}
