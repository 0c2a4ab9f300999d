using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>A moderator runs an action on an item from the console (outside a review job); the same path as the platform's <c>POST /api/v1/actions</c>.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record RunActionCommand(
    string ActionId, string ItemTypeId, string ItemId, IReadOnlyList<string> PolicyIds, JsonObject? Parameters = null, string? Note = null);

/// <summary>What ran: one execution per action, with its delivery when the action is a webhook.</summary>
public sealed record RunActionOutcome(string ExecutionId, string ActionName, string? OutboxMessageId);

internal sealed class RunActionHandler(ActionRunner runner, ICurrentUser currentUser) : ICommandHandler<RunActionCommand, RunActionOutcome>
{
    public async Task<RunActionOutcome> HandleAsync(RunActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var request = new RunActionRequest(
            command.ActionId, command.ItemTypeId, command.ItemId?.Trim() ?? string.Empty, command.PolicyIds, [], command.Parameters, command.Note);
        if (string.IsNullOrEmpty(request.ItemId))
        {
            throw new ValidationFailedException("itemId", "Enter the item's id.");
        }

        var result = await runner.RunAsync(actor.OrganizationId, request, new RunActionActor(actor.UserId, actor.Name),
            ActionExecutionSource.ManualConsole, $"manual-action:{Guid.NewGuid()}",
            ChildSafety.Jobs.NcmecEnqueuePermission.Allows(await currentUser.GetPrincipalAsync()), cancellationToken);
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        var execution = result.Executions[0];
        return new RunActionOutcome(execution.Id, execution.ActionName, execution.OutboxMessageId);
    }
}
