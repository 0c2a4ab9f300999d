using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.Roles;

public sealed partial class RoleEditorPage
{
    private RoleSummary? role;
    private string? name;
    private string? description;
    private string? error;
    private bool busy;

    [Parameter]
    public string RoleId { get; set; } = string.Empty;

    [Inject]
    private IQueryHandler<ListRolesQuery, IReadOnlyList<RoleSummary>> ListRoles { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateRoleCommand, RoleSummary> UpdateRole { get; set; } = default!;

    [Inject]
    private ICommandHandler<SetRolePermissionCommand, RoleSummary> SetPermission { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            role = (await ListRoles.HandleAsync(new ListRolesQuery())).SingleOrDefault(r => r.Id == RoleId);
            error = role is null ? "There is no such role." : null;
            name = role?.Name;
            description = role?.Description;
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task SaveAsync() => await RunAsync(async () =>
    {
        role = await UpdateRole.HandleAsync(new UpdateRoleCommand(RoleId, name ?? string.Empty, description));
        Snackbar.Add("Role saved.", Severity.Success);
    });

    private async Task ToggleAsync(string permission, bool granted) => await RunAsync(async () =>
    {
        role = await SetPermission.HandleAsync(new SetRolePermissionCommand(RoleId, permission, granted));
    });

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        error = null;
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
