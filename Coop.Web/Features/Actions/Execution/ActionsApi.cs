using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Infrastructure.Identity;
using Coop.Web.Api;
using Coop.Web.Api.Contract;
using Coop.Web.Features.Ingestion.Submissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>
/// <c>POST /api/v1/actions</c> (202): the platform runs an action on an item exactly as a moderator would —
/// the signed callback, the execution record and the audit row commit together before 202.
/// </summary>
internal sealed class ActionsApi : IApiModule
{
    public void Map(RouteGroupBuilder api) =>
        api.MapPost("/actions", RunActionAsync).WithName("RunAction")
            .Accepts<RunActionBody>("application/json").Produces(StatusCodes.Status202Accepted)
            .WithSummary("Run an action on an item, as a moderator's action: its callback is signed and delivered with retries. 202.");

    internal static async Task<IResult> RunActionAsync(
        HttpContext http, ApiBody body, ApiKeyAuthenticator keys, ActionRunner runner, UserManager<CoopUser> users, CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("post-actions");
        var (root, failure) = await body.ReadObjectAsync(http.Request, requestId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<ApiError>();
        var actionId = ItemInput.RequiredString(root, "actionId", string.Empty, errors, 64);
        var itemId = ItemInput.RequiredString(root, "itemId", string.Empty, errors, ItemSubmission.MaxIdLength);
        var itemTypeId = ItemInput.RequiredString(root, "itemTypeId", string.Empty, errors, 64);
        var policyIds = ItemInput.Strings(root, "policyIds", errors, required: false);
        var reportedItems = ItemInput.References(root, "reportedItems", errors);
        var actorId = ItemInput.OptionalString(root, "actorId", string.Empty, errors, 450);
        var note = ItemInput.OptionalString(root, "note", string.Empty, errors, ActionExecution.NoteMaxLength);
        JsonObject? parameters = null;
        switch (root["parameters"])
        {
            case null:
                break;
            case JsonObject given:
                parameters = given;
                break;
            default:
                errors.Add(ItemInput.Schema("/parameters", "must be an object of parameter values"));
                break;
        }

        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        RunActionActor? actor = null;
        if (actorId is not null)
        {
            var user = await users.Users.SingleOrDefaultAsync(u => u.Id == actorId && u.OrganizationId == caller.OrganizationId, cancellationToken);
            if (user is null)
            {
                return ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.NotFound, "Unknown user.", $"No user of the organization has the id '{actorId}'.", "/actorId"), requestId);
            }

            actor = new RunActionActor(user.Id, user.Email);
        }

        var request = new RunActionRequest(actionId!, itemTypeId!, itemId!, policyIds, reportedItems, parameters, note);
        var result = await runner.RunAsync(caller.OrganizationId, request, actor, ActionExecutionSource.PostActions, requestId, cancellationToken);
        if (!result.Succeeded)
        {
            return ApiResults.Errors([.. result.Errors.Select(e => ApiError.BadRequest(
                e.IsNotFound ? ApiErrorTypes.NotFound : ApiErrorTypes.InvalidUserInput,
                e.IsNotFound ? "Not found." : "Invalid action request.", e.Message, "/" + e.Field))], requestId);
        }

        return Results.Accepted();
    }
}
