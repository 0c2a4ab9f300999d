using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.Roles;

public sealed partial class RolesPage
{
    private IReadOnlyList<RoleSummary>? roles;
    private string? error;
    private string? newName;
    private string? newDescription;
    private string? copyFrom;
    private string? nameError;

    [Inject]
    private IQueryHandler<ListRolesQuery, IReadOnlyList<RoleSummary>> ListRoles { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateRoleCommand, RoleSummary> CreateRole { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteRoleCommand, bool> DeleteRole { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            roles = await ListRoles.HandleAsync(new ListRolesQuery());
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task CreateAsync()
    {
        nameError = null;
        error = null;
        try
        {
            var role = await CreateRole.HandleAsync(new CreateRoleCommand(newName ?? string.Empty, newDescription, copyFrom));
            Navigation.NavigateTo($"/settings/roles/{role.Id}");
        }
        catch (ValidationFailedException ex)
        {
            nameError = ex.Errors.TryGetValue("Name", out var messages) ? string.Join(" ", messages) : null;
            error = nameError is null ? ex.Message : null;
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task DeleteAsync(RoleSummary role)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete role?", $"Delete the role '{role.Name}'?", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        try
        {
            await DeleteRole.HandleAsync(new DeleteRoleCommand(role.Id));
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }
}
