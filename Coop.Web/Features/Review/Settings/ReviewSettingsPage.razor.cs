using Coop.Domain.Actions;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Review.Settings;

public sealed partial class ReviewSettingsPage
{
    private FormModel? form;
    private bool saving;

    [Inject]
    private IQueryHandler<GetReviewSettingsQuery, ReviewSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveReviewSettingsCommand, ReviewSettingsView> SaveSettings { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => form = FormModel.From(await GetSettings.HandleAsync(new GetReviewSettingsQuery()));

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var saved = await SaveSettings.HandleAsync(new SaveReviewSettingsCommand(
                form!.RequirePolicyForDecisions, form.RequireReasonOnAction, form.RequireReasonOnIgnore, form.AllowMultiplePoliciesPerAction,
                form.HideSkipForNonAdmins, form.IgnoreCallbackUrl, form.AppealCallbackUrl,
                [.. form.AppealHeaders.Select(h => new ActionHeaderInput(h.Name, h.IsSaved && !h.Replacing ? null : h.Value ?? string.Empty))],
                form.StrikeTtlDays));
            form = FormModel.From(saved);
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the review console settings.", Severity.Success);
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
        public bool RequirePolicyForDecisions { get; set; }

        public bool RequireReasonOnAction { get; set; }

        public bool RequireReasonOnIgnore { get; set; }

        public bool AllowMultiplePoliciesPerAction { get; set; }

        public bool HideSkipForNonAdmins { get; set; }

        public string? IgnoreCallbackUrl { get; set; }

        public string? AppealCallbackUrl { get; set; }

        public List<ActionFormModel.HeaderRow> AppealHeaders { get; init; } = [];

        public int StrikeTtlDays { get; set; }

        public static FormModel From(ReviewSettingsView view) => new()
        {
            RequirePolicyForDecisions = view.RequirePolicyForDecisions,
            RequireReasonOnAction = view.RequireReasonOnAction,
            RequireReasonOnIgnore = view.RequireReasonOnIgnore,
            AllowMultiplePoliciesPerAction = view.AllowMultiplePoliciesPerAction,
            HideSkipForNonAdmins = view.HideSkipForNonAdmins,
            IgnoreCallbackUrl = view.IgnoreCallbackUrl,
            AppealCallbackUrl = view.AppealCallbackUrl,
            AppealHeaders = [.. view.AppealHeaderNames.Select(n => new ActionFormModel.HeaderRow { Name = n, IsSaved = true })],
            StrikeTtlDays = view.StrikeTtlDays,
        };
    }
}
