using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Web.Api;
using Coop.Web.Api.Contract;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary><c>POST /api/v1/items/async/</c> and the legacy <c>POST /api/v1/content/</c>.</summary>
internal sealed class ItemsApi : IApiModule
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/items/async", SubmitItemsAsync).WithName("SubmitItems")
            .Accepts<SubmitItemsBody>("application/json").Produces(StatusCodes.Status202Accepted)
            .WithSummary("Submit a batch of items (all-or-nothing); 202 once every item is committed.");
        api.MapPost("/content", SubmitContentAsync).WithName("SubmitContent")
            .Accepts<SubmitContentBody>("application/json").Produces<SubmitContentResult>().Produces(StatusCodes.Status202Accepted)
            .WithSummary("Legacy: submit one item, its type named by name; 200 with the outcome when sync, else 202.");
    }

    internal static async Task<IResult> SubmitItemsAsync(
        HttpContext http, ApiBody body, ApiKeyAuthenticator keys, ItemAcceptance acceptance, SubmissionWriter writer,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("post-items");
        var (root, failure) = await body.ReadObjectAsync(http.Request, requestId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<ApiError>();
        var inputs = new List<ItemInput>();
        if (root["items"] is not JsonArray items)
        {
            errors.Add(ItemInput.Schema("/items", "is required and must be an array of items"));
        }
        else if (items.Count == 0)
        {
            errors.Add(ItemInput.Schema("/items", "must contain at least one item"));
        }
        else if (items.Count > options.Value.MaxBatchItems)
        {
            errors.Add(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Too many items in one request.",
                $"/items has {items.Count} items; send at most {options.Value.MaxBatchItems} per request.", "/items"));
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (ItemInput.Parse(items[i], $"/items/{i}", errors) is { } input)
                {
                    inputs.Add(input);
                }
            }
        }

        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var (accepted, invalid) = await acceptance.AcceptAsync(caller.OrganizationId, inputs, "items", requestId, cancellationToken);
        if (invalid.Count > 0)
        {
            return ApiResults.Errors(invalid, requestId);
        }

        await writer.WriteAsync(db => db.AddRange(accepted), cancellationToken);
        Coop.Infrastructure.Telemetry.CoopMetrics.RecordItemsIngested(caller.OrganizationId, accepted.Count);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    internal static async Task<IResult> SubmitContentAsync(
        HttpContext http, ApiBody body, ApiKeyAuthenticator keys, ItemTypeCatalog types, ItemAcceptance acceptance,
        SubmissionWriter writer, SubmissionProcessor processor, CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("post-content");
        var (root, failure) = await body.ReadObjectAsync(http.Request, requestId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<ApiError>();
        var contentId = ItemInput.RequiredString(root, "contentId", string.Empty, errors);
        var contentType = ItemInput.RequiredString(root, "contentType", string.Empty, errors);
        var userId = ItemInput.OptionalString(root, "userId", string.Empty, errors, maxLength: ItemSubmission.MaxIdLength);
        if (root["content"] is not JsonObject content)
        {
            errors.Add(ItemInput.Schema("/content", "is required and must be an object"));
            content = [];
        }

        var sync = false;
        if (root["sync"] is { } syncNode && !(syncNode is JsonValue v && v.TryGetValue(out sync)))
        {
            errors.Add(ItemInput.Schema("/sync", "must be a boolean"));
        }

        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var type = await types.GetByNameAsync(caller.OrganizationId, contentType!, cancellationToken: cancellationToken);
        if (type is null)
        {
            return ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.UnrecognizedContentType, "Unrecognized content type.",
                $"No item type is named '{contentType}'.", "/contentType"), requestId);
        }

        var input = new ItemInput(contentId!, type.Id, null, "original", content, string.Empty, "/contentType");
        var (accepted, invalid) = await acceptance.AcceptAsync(caller.OrganizationId, [input with { Pointer = string.Empty }], "content", requestId, cancellationToken);
        if (invalid.Count > 0)
        {
            // The legacy endpoint names the body's fields content/…, and its error type is the content one.
            return ApiResults.Errors(
                [.. invalid.Select(e => e with
                {
                    Type = [ApiErrorTypes.ContentInvalidForContentType, ApiErrorTypes.InvalidUserInput],
                    Pointer = e.Pointer is { } p && p.StartsWith("/data", StringComparison.Ordinal) ? "/content" + p[5..] : e.Pointer,
                })],
                requestId);
        }

        var submission = accepted[0];
        if (userId is not null && await types.GetDefaultUserTypeAsync(caller.OrganizationId, cancellationToken) is { } userType)
        {
            submission.AssignCreatorIfMissing(new ItemIdentifier(userId, userType.Id));
        }

        await writer.WriteAsync(db => db.Add(submission), cancellationToken);
        Coop.Infrastructure.Telemetry.CoopMetrics.RecordItemsIngested(caller.OrganizationId, 1);
        if (!sync)
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        var triggered = await processor.ProcessAndReportAsync(submission.Id, cancellationToken);
        return Results.Json(new { actionsTriggered = triggered.Select(a => new { id = a.Id, name = a.Name }), derivedFields = new Dictionary<string, object>() }, ApiResults.Json);
    }
}
