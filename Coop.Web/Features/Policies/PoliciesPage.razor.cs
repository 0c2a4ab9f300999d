using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Policies;

public sealed partial class PoliciesPage
{
    private IReadOnlyList<PolicyNode>? nodes;
    private PolicyFormModel? form;
    private PolicyView? editing;
    private PolicyNode? deleting;
    private bool moveChildren;
    private bool saving;
    private string? error;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Inject]
    private IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>> ListPolicies { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreatePolicyCommand, PolicyView> CreatePolicy { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdatePolicyCommand, PolicyView> UpdatePolicy { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeletePolicyCommand, bool> DeletePolicy { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IEnumerable<PolicyView> All => PolicyTreeTable.Flatten(nodes ?? []).Select(n => n.Policy);

    /// <summary>Possible parents: every policy but the edited one and its sub-policies.</summary>
    private List<PolicyView> ParentChoices
    {
        get
        {
            var excluded = editing is null ? [] : PolicyTreeTable.Flatten(nodes ?? []).Where(n => n.Policy.Id == editing.Id)
                .SelectMany(n => PolicyTreeTable.Flatten([n])).Select(n => n.Policy.Id).ToHashSet();
            return [.. All.Where(p => !excluded.Contains(p.Id))];
        }
    }

    /// <summary>The policy whose strike weight the edited one must take under its chosen parent, and that weight.</summary>
    private (string Name, int Count)? StrikeLock()
    {
        var byId = All.ToDictionary(p => p.Id);
        (string, int)? source = null;
        for (var id = form?.ParentId; id is not null && byId.TryGetValue(id, out var parent); id = parent.ParentId)
        {
            if (parent.ApplyUserStrikeCountToChildren)
            {
                source = (parent.Name, parent.UserStrikeCount);
            }
        }

        return source;
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            nodes = await ListPolicies.HandleAsync(new ListPoliciesQuery());
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            nodes = [];
        }
    }

    private void StartNew(string? parentId)
    {
        editing = null;
        form = new PolicyFormModel { ParentId = parentId };
        errors = new Dictionary<string, string[]>();
    }

    private void StartEdit(PolicyView policy)
    {
        editing = policy;
        form = PolicyFormModel.From(policy);
        errors = new Dictionary<string, string[]>();
    }

    private void Cancel()
    {
        form = null;
        editing = null;
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var saved = editing is null
                ? await CreatePolicy.HandleAsync(new CreatePolicyCommand(form!.ToDetails()))
                : await UpdatePolicy.HandleAsync(new UpdatePolicyCommand(editing.Id, form!.ToDetails(), editing.Version));
            Snackbar.Add($"Saved policy '{saved.Name}'.", Severity.Success);
            Cancel();
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
        try
        {
            await DeletePolicy.HandleAsync(new DeletePolicyCommand(deleting!.Policy.Id, moveChildren));
            Snackbar.Add($"Deleted policy '{deleting.Policy.Name}'.", Severity.Success);
            deleting = null;
            error = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }
}
