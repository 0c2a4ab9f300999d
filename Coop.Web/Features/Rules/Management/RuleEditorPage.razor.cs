using Coop.Domain.Rules;
using Coop.Domain.Signals;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.Rules.Management;

/// <summary>Creates or edits a proactive rule: definition, condition tree, outcome, and its version history.</summary>
public sealed partial class RuleEditorPage
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private RuleEditorOptions? options;
    private RuleDetails? details;
    private RuleFormModel? form;
    private bool notFound;
    private bool saving;
    private IReadOnlyDictionary<SignalMatching, IReadOnlyList<RuleBankChoice>> banks = new Dictionary<SignalMatching, IReadOnlyList<RuleBankChoice>>();

    [Parameter]
    public string? Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IQueryHandler<GetRuleEditorOptionsQuery, RuleEditorOptions> Options { get; set; } = default!;
    [Inject] private IQueryHandler<GetRuleQuery, RuleDetails?> Get { get; set; } = default!;
    [Inject] private ICommandHandler<CreateRuleCommand, RuleSaved> Create { get; set; } = default!;
    [Inject] private ICommandHandler<UpdateRuleCommand, RuleSaved> Update { get; set; } = default!;
    [Inject] private IEnumerable<IRuleBankSource> BankSources { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = NoErrors;

    private IReadOnlyCollection<string> PolicyIds
    {
        get => form?.PolicyIds ?? [];
        set => form!.PolicyIds = value;
    }

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Rules", "/rules"),
        new(Id is null ? "New rule" : details?.Rule.Name ?? Id, null, disabled: true),
    ];

    private ConditionEditorContext ConditionContext => new(
        [.. options!.ItemTypes.Where(t => form!.ItemTypeIds.Contains(t.Id)).SelectMany(t => t.Fields).DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal)],
        options.Signals, banks, Errors, !options.CanEdit);

    protected override async Task OnParametersSetAsync()
    {
        options ??= await Options.HandleAsync(new GetRuleEditorOptionsQuery());
        await LoadBanksAsync();
        Errors = NoErrors;
        if (Id is null)
        {
            details = null;
            form = RuleFormModel.From(RuleInput.Empty, options.Actions);
            form.ItemTypeIds = options.ItemTypes.Count == 1 ? [options.ItemTypes[0].Id] : [];
            return;
        }

        details = await Get.HandleAsync(new GetRuleQuery(Id));
        notFound = details is null;
        form = details is null ? null : RuleFormModel.From(details.Rule, options.Actions);
    }

    private async Task LoadBanksAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            banks = await BankSources.ListAllAsync(organizationId, CancellationToken.None);
        }
    }

    private void SetItemTypes(IEnumerable<string> ids) => form!.ItemTypeIds = ids.ToHashSet(StringComparer.Ordinal);

    private void SetActions(IEnumerable<string> ids)
    {
        form!.ActionIds = ids.ToHashSet(StringComparer.Ordinal);
        form.SyncParameters(options!.Actions);
    }

    private async Task SaveAsync()
    {
        var input = form!.ToInput(options!.Actions, out var expiresError);
        if (expiresError is not null)
        {
            Errors = new Dictionary<string, string[]> { ["ExpiresAt"] = [expiresError] };
            return;
        }

        saving = true;
        try
        {
            if (details is null)
            {
                var created = await Create.HandleAsync(new CreateRuleCommand(input));
                Snackbar.Add("Rule created.", Severity.Success);
                Navigation.NavigateTo($"/rules/{Uri.EscapeDataString(created.Id)}");
                return;
            }

            var saved = await Update.HandleAsync(new UpdateRuleCommand(details.Id, details.Version, input));
            Snackbar.Add(saved.Changed ? $"Saved as version {saved.Version}." : "Nothing changed.", saved.Changed ? Severity.Success : Severity.Info);
            details = await Get.HandleAsync(new GetRuleQuery(details.Id));
            Errors = NoErrors;
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            Snackbar.Add("The rule was not saved: see the messages.", Severity.Error);
        }
        catch (ForbiddenAccessException ex)
        {
            Errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            saving = false;
        }
    }

    private string? ItemTypeName(string? id) => options?.ItemTypes.FirstOrDefault(t => t.Id == id)?.Name ?? id;

    private string? ActionName(string? id) => options?.Actions.FirstOrDefault(a => a.Id == id)?.Name ?? id;

    private string? PolicyName(string? id) => options?.Policies.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    private string? QueueName(string? id) => options?.Queues.FirstOrDefault(q => q.Id == id)?.Name ?? id;

    private bool Has(string key) => Errors.ContainsKey(key);

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>One action's parameter errors under the keys the parameter inputs read (<c>parameters/{name}</c>).</summary>
    private Dictionary<string, string[]> ParameterErrors(string actionId)
    {
        var prefix = $"ActionParameters/{actionId}";
        return Errors.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key.Length == prefix.Length ? "parameters/" : $"parameters/{e.Key[(prefix.Length + 1)..]}", e => e.Value);
    }

    private static string StatusHelp(RuleStatus status) => status switch
    {
        RuleStatus.Live => "Runs and acts on every match.",
        RuleStatus.Background => "Runs and records matches; takes no action.",
        RuleStatus.Draft => "Does not run.",
        _ => "Retired: does not run.",
    };
}
