using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Api;
using Coop.Web.Api.Contract;
using Coop.Web.Features.Ingestion.Submissions;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Reports;

/// <summary><c>POST /api/v1/report</c> (201 <c>{ reportId }</c>) and <c>POST /api/v1/report/appeal</c> (204).</summary>
internal sealed class ReportsApi : IApiModule
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/report", SubmitReportAsync).WithName("SubmitReport")
            .Accepts<SubmitReportBody>("application/json").Produces<ReportCreated>(StatusCodes.Status201Created)
            .WithSummary("Report an item; it becomes (or joins) a review job. 201 with the report id.");
        api.MapPost("/report/appeal", SubmitAppealAsync).WithName("SubmitAppeal")
            .Accepts<SubmitAppealBody>("application/json").Produces(StatusCodes.Status204NoContent)
            .WithSummary("Appeal actions taken on an item; it becomes an appeal review job. 204.");
    }

    internal static async Task<IResult> SubmitReportAsync(
        HttpContext http, ApiBody body, ApiKeyAuthenticator keys, ItemAcceptance acceptance, IActionDirectory directory,
        SubmissionWriter writer, RoutingSignal routing, ReportAnnouncer announcer, TimeProvider time, CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("submit-report");
        var (root, failure) = await body.ReadObjectAsync(http.Request, requestId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<ApiError>();
        var reporter = Reference(root, "reporter", errors, requireUserKind: true);
        var reportedAt = RequiredDate(root, "reportedAt", errors);
        var subject = ItemInput.Parse(root["reportedItem"], "/reportedItem", errors);
        string? policyId = null, reason = null;
        var csam = false;
        if (root["reportedForReason"] is { } why)
        {
            if (why is JsonObject reasonObject)
            {
                policyId = ItemInput.OptionalString(reasonObject, "policyId", "/reportedForReason", errors, 64);
                reason = ItemInput.OptionalString(reasonObject, "reason", "/reportedForReason", errors);
                if (reasonObject["csam"] is { } csamNode && !(csamNode is JsonValue v && v.TryGetValue(out csam)))
                {
                    errors.Add(ItemInput.Schema("/reportedForReason/csam", "must be a boolean"));
                }
            }
            else
            {
                errors.Add(ItemInput.Schema("/reportedForReason", "must be an object"));
            }
        }

        var thread = Items(root, "reportedItemThread", errors);
        var additional = Items(root, "additionalItems", errors);
        var reportedInThread = ItemInput.References(root, "reportedItemsInThread", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var organizationId = caller.OrganizationId;
        var (subjects, invalid) = await acceptance.AcceptAsync(organizationId, [subject!], "report", requestId, cancellationToken);
        var (threadItems, invalidThread) = await acceptance.AcceptAsync(organizationId, thread, "report", requestId, cancellationToken, forceVariant: SchemaVariant.Partial);
        var (additionalItems, invalidAdditional) = await acceptance.AcceptAsync(organizationId, additional, "report", requestId, cancellationToken, forceVariant: SchemaVariant.Partial);
        invalid.AddRange(invalidThread);
        invalid.AddRange(invalidAdditional);
        if (policyId is not null && !(await directory.ExistingPolicyIdsAsync(organizationId, [policyId], cancellationToken)).Contains(policyId))
        {
            invalid.Add(ApiError.BadRequest(ApiErrorTypes.NotFound, "Unknown policy.", $"No policy has the id '{policyId}'.", "/reportedForReason/policyId"));
        }

        if (invalid.Count > 0)
        {
            return ApiResults.Errors(invalid, requestId);
        }

        var context = new List<ContextItem> { ContextItem.Of(ContextItemRole.Subject, 0, subjects[0]) };
        context.AddRange(threadItems.Select((s, i) => ContextItem.Of(ContextItemRole.Thread, i, s)));
        context.AddRange(additionalItems.Select((s, i) => ContextItem.Of(ContextItemRole.Additional, i, s)));
        var user = await announcer.UserOfAsync(organizationId, subjects[0], cancellationToken);
        var report = Report.Receive(Guid.NewGuid().ToString(), organizationId, reporter!, reportedAt!.Value,
            new ItemIdentifier(subject!.Id, subjects[0].ItemTypeId), policyId, reason, csam,
            JsonSerializer.Serialize(reportedInThread.Select(r => new { id = r.Id, typeId = r.TypeId })),
            requestId, time.GetUtcNow().UtcDateTime, context, user);
        await writer.WriteAsync(db => db.Add(report), cancellationToken);
        routing.Notify();
        await announcer.AnnounceAsync(organizationId, report.Id, [new ItemIdentifier(report.ItemId, report.ItemTypeId), user, reporter], cancellationToken);
        return Results.Json(new { reportId = report.Id }, ApiResults.Json, statusCode: StatusCodes.Status201Created);
    }

    internal static async Task<IResult> SubmitAppealAsync(
        HttpContext http, ApiBody body, ApiKeyAuthenticator keys, ItemAcceptance acceptance, IActionDirectory directory,
        SubmissionWriter writer, RoutingSignal routing, ReportAnnouncer announcer, TimeProvider time, IDbContextFactory<CoopDbContext> factory,
        CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("submit-appeal");
        var (root, failure) = await body.ReadObjectAsync(http.Request, requestId, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var errors = new List<ApiError>();
        var appealId = ItemInput.RequiredString(root, "appealId", string.Empty, errors);
        var appealedBy = Reference(root, "appealedBy", errors, requireUserKind: false);
        var appealedAt = RequiredDate(root, "appealedAt", errors);
        var subject = ItemInput.Parse(root["actionedItem"], "/actionedItem", errors);
        var actionIds = ItemInput.Strings(root, "actionsTaken", errors, required: true);
        var appealReason = ItemInput.OptionalString(root, "appealReason", string.Empty, errors);
        var policyIds = ItemInput.References(root, "violatingPolicies", errors, idOnly: true).Select(r => r.Id).ToList();
        var additional = Items(root, "additionalItems", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var organizationId = caller.OrganizationId;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.ReviewSettings.Where(s => s.OrganizationId == organizationId).Select(s => (bool?)s.AppealsEnabled).SingleOrDefaultAsync(cancellationToken) == false)
            {
                return ApiResults.Error(new ApiError(StatusCodes.Status403Forbidden, [ApiErrorTypes.AuthorizationFailed], "Appeals are turned off.",
                    "This organization does not take appeals: an admin can turn them on under Settings → Appeals."), requestId);
            }
        }

        var (subjects, invalid) = await acceptance.AcceptAsync(organizationId, [subject!], "appeal", requestId, cancellationToken);
        var (additionalItems, invalidAdditional) = await acceptance.AcceptAsync(organizationId, additional, "appeal", requestId, cancellationToken, forceVariant: SchemaVariant.Partial);
        invalid.AddRange(invalidAdditional);
        var knownActions = await directory.ExistingActionIdsAsync(organizationId, actionIds, cancellationToken);
        invalid.AddRange(actionIds.Select((id, i) => (id, i)).Where(a => !knownActions.Contains(a.id)).Select(a =>
            ApiError.BadRequest(ApiErrorTypes.NotFound, "Unknown action.", $"No action has the id '{a.id}'.", $"/actionsTaken/{a.i}")));
        var knownPolicies = await directory.ExistingPolicyIdsAsync(organizationId, policyIds, cancellationToken);
        invalid.AddRange(policyIds.Select((id, i) => (id, i)).Where(p => !knownPolicies.Contains(p.id)).Select(p =>
            ApiError.BadRequest(ApiErrorTypes.NotFound, "Unknown policy.", $"No policy has the id '{p.id}'.", $"/violatingPolicies/{p.i}/id")));
        if (invalid.Count > 0)
        {
            return ApiResults.Errors(invalid, requestId);
        }

        var context = new List<ContextItem> { ContextItem.Of(ContextItemRole.Subject, 0, subjects[0]) };
        context.AddRange(additionalItems.Select((s, i) => ContextItem.Of(ContextItemRole.Additional, i, s)));
        var user = await announcer.UserOfAsync(organizationId, subjects[0], cancellationToken);
        var appeal = Appeal.Receive(organizationId, appealId!, appealedBy!, appealedAt!.Value, new ItemIdentifier(subject!.Id, subjects[0].ItemTypeId),
            JsonSerializer.Serialize(actionIds), appealReason, JsonSerializer.Serialize(policyIds), requestId, time.GetUtcNow().UtcDateTime, context, user);
        await writer.WriteAsync(db => db.Add(appeal), cancellationToken);
        routing.Notify();
        await announcer.AnnounceAsync(organizationId, appeal.Id, [new ItemIdentifier(appeal.ItemId, appeal.ItemTypeId), user, appealedBy], cancellationToken);
        return Results.NoContent();
    }

    private static ItemIdentifier? Reference(JsonObject root, string name, List<ApiError> errors, bool requireUserKind)
    {
        if (root[name] is not JsonObject reference)
        {
            errors.Add(ItemInput.Schema($"/{name}", root.ContainsKey(name) ? "must be an object" : "is required"));
            return null;
        }

        if (requireUserKind && (string?)(reference["kind"] as JsonValue) != "user")
        {
            errors.Add(ItemInput.Schema($"/{name}/kind", "must be \"user\""));
        }

        var id = ItemInput.RequiredString(reference, "id", $"/{name}", errors, ItemSubmission.MaxIdLength);
        var typeId = ItemInput.RequiredString(reference, "typeId", $"/{name}", errors, 64);
        return id is null || typeId is null ? null : new ItemIdentifier(id, typeId);
    }

    private static DateTime? RequiredDate(JsonObject root, string name, List<ApiError> errors)
    {
        var text = ItemInput.RequiredString(root, name, string.Empty, errors, 64);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        errors.Add(ItemInput.Schema($"/{name}", "must be an ISO 8601 date-time"));
        return null;
    }

    private static List<ItemInput> Items(JsonObject root, string name, List<ApiError> errors)
    {
        var result = new List<ItemInput>();
        switch (root[name])
        {
            case null:
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (ItemInput.Parse(array[i], $"/{name}/{i}", errors) is { } item)
                    {
                        result.Add(item);
                    }
                }

                break;
            default:
                errors.Add(ItemInput.Schema($"/{name}", "must be an array of items"));
                break;
        }

        return result;
    }
}
