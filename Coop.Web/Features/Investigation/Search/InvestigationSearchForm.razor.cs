using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>The search form; it edits a copy and hands back the chosen filters.</summary>
public sealed partial class InvestigationSearchForm
{
    private FormModel model = new();

    [Parameter, EditorRequired]
    public InvestigationOptions Options { get; set; } = default!;

    [Parameter, EditorRequired]
    public InvestigationFilters Filters { get; set; } = new();

    [Parameter]
    public EventCallback<InvestigationFilters> OnSearch { get; set; }

    protected override void OnParametersSet() => model = FormModel.Of(Filters);

    private Task SubmitAsync() => OnSearch.InvokeAsync(model.ToFilters());

    private Task ClearAsync()
    {
        model = new FormModel();
        return OnSearch.InvokeAsync(new InvestigationFilters());
    }

    private sealed class FormModel
    {
        public string? ItemId { get; set; }
        public string? ItemTypeId { get; set; }
        public string? UserId { get; set; }
        public string? UserTypeId { get; set; }
        public string? Text { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public string? PolicyId { get; set; }
        public string? ActionId { get; set; }
        public string? DecidedBy { get; set; }

        public static FormModel Of(InvestigationFilters f) => new()
        {
            ItemId = f.ItemId, ItemTypeId = f.ItemTypeId, UserId = f.UserId, UserTypeId = f.UserTypeId, Text = f.Text,
            From = f.From?.ToDateTime(TimeOnly.MinValue), To = f.To?.ToDateTime(TimeOnly.MinValue),
            PolicyId = f.PolicyId, ActionId = f.ActionId, DecidedBy = f.DecidedBy,
        };

        public InvestigationFilters ToFilters() => new(
            ItemId, ItemTypeId, UserId, UserTypeId, Text, From is { } from ? DateOnly.FromDateTime(from) : null,
            To is { } to ? DateOnly.FromDateTime(to) : null, PolicyId, ActionId, DecidedBy);
    }
}
