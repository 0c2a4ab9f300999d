using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Administration.Users;

public sealed partial class UsersPage
{
    private UsersOverview? overview;
    private string? error;
    private bool busy;
    private string? inviteEmail;
    private string? inviteRole;
    private int inviteDays = 7;
    private bool inviteByEmail = true;
    private IReadOnlyDictionary<string, string[]> inviteErrors = new Dictionary<string, string[]>();
    private IssuedLink? issued;
    private string? issuedTitle;
    private UserRow? queueUser;
    private IReadOnlyList<QueueAccessRow> queueRows = [];

    [Inject]
    private IQueryHandler<ListUsersQuery, UsersOverview> ListUsers { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateInvitationCommand, IssuedLink> CreateInvitation { get; set; } = default!;

    [Inject]
    private ICommandHandler<RevokeInvitationCommand, bool> RevokeInvitation { get; set; } = default!;

    [Inject]
    private ICommandHandler<AssignRoleCommand, bool> AssignRole { get; set; } = default!;

    [Inject]
    private ICommandHandler<SetUserActiveCommand, bool> SetActive { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreatePasswordResetLinkCommand, IssuedLink> CreateResetLink { get; set; } = default!;

    [Inject]
    private IQueryHandler<GetUserQueueAccessQuery, IReadOnlyList<QueueAccessRow>> GetQueueAccess { get; set; } = default!;

    [Inject]
    private ICommandHandler<SetUserQueueAccessCommand, QueueAccessRow> SetQueueAccess { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await RunAsync(LoadAsync);

    private async Task LoadAsync()
    {
        overview = await ListUsers.HandleAsync(new ListUsersQuery());
    }

    private string? ErrorFor(string field) => inviteErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task InviteAsync()
    {
        inviteErrors = new Dictionary<string, string[]>();
        try
        {
            busy = true;
            issued = await CreateInvitation.HandleAsync(new CreateInvitationCommand(inviteEmail ?? string.Empty, inviteRole ?? string.Empty, inviteDays,
                Navigation.BaseUri, inviteByEmail && overview?.EmailConfigured == true));
            issuedTitle = $"Invitation for {inviteEmail} created.";
            inviteEmail = null;
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            inviteErrors = ex.Errors;
            error = ex.Errors.TryGetValue(string.Empty, out var general) ? string.Join(" ", general) : null;
        }
        finally
        {
            busy = false;
        }
    }

    private Task RevokeAsync(InvitationRow invitation) => RunAsync(async () =>
    {
        await RevokeInvitation.HandleAsync(new RevokeInvitationCommand(invitation.Id));
        await LoadAsync();
    });

    private Task AssignAsync((UserRow User, string RoleId) change) => RunAsync(async () =>
    {
        try
        {
            await AssignRole.HandleAsync(new AssignRoleCommand(change.User.Id, change.RoleId));
        }
        finally
        {
            await LoadAsync();
        }
    });

    private async Task SetActiveAsync(UserRow user)
    {
        if (!user.IsDeactivated && await Dialogs.ShowMessageBoxAsync("Deactivate user?",
                $"{user.Email} will be signed out everywhere at once and cannot sign in until reactivated. Jobs they hold go back to their queues.",
                yesText: "Deactivate", cancelText: "Cancel") != true)
        {
            return;
        }

        await RunAsync(async () =>
        {
            await SetActive.HandleAsync(new SetUserActiveCommand(user.Id, user.IsDeactivated));
            await LoadAsync();
        });
    }

    private Task ResetLinkAsync(UserRow user) => RunAsync(async () =>
    {
        issued = await CreateResetLink.HandleAsync(new CreatePasswordResetLinkCommand(user.Id, Navigation.BaseUri, overview?.EmailConfigured == true));
        issuedTitle = $"Password reset link for {user.Email} created.";
    });

    private Task ShowQueuesAsync(UserRow user) => RunAsync(async () =>
    {
        queueRows = await GetQueueAccess.HandleAsync(new GetUserQueueAccessQuery(user.Id));
        queueUser = user;
    });

    private Task SetQueueAsync(QueueAccessRow row, bool assigned) => RunAsync(async () =>
    {
        try
        {
            await SetQueueAccess.HandleAsync(new SetUserQueueAccessCommand(queueUser!.Id, row.QueueId, assigned));
        }
        finally
        {
            queueRows = await GetQueueAccess.HandleAsync(new GetUserQueueAccessQuery(queueUser!.Id));
        }
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
