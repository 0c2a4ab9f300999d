using Coop.Domain.ItemTypes;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Api;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Strikes;

/// <summary>
/// <c>GET /api/v1/user_scores?id=…&amp;typeId=…</c>: Coop's deprecated 1–5 "user quality" score (5 = good) as a bare
/// number, derived from the user's active strikes (<see cref="StrikeRules.UserScore"/>). The exact strike total is in
/// the console and in every callback's <c>userStrikeCount</c>.
/// </summary>
internal sealed class UserScoresApi : IApiModule
{
    public void Map(RouteGroupBuilder api) =>
        api.MapGet("/user_scores", GetAsync).WithName("GetUserScore").Produces<int>()
            .WithSummary("A user's 1–5 score (5 = no active strikes; 4 = 1; 3 = 2–3; 2 = 4–6; 1 = 7 or more), as a bare number.");

    internal static async Task<IResult> GetAsync(
        HttpContext http, ApiKeyAuthenticator keys, ItemTypeCatalog catalog, IDbContextFactory<CoopDbContext> factory, TimeProvider time,
        string? id, string? typeId, CancellationToken cancellationToken)
    {
        var requestId = ApiEndpoints.NewRequestId("get-user-score");

        // A GET has no body to validate first, so the key comes first, as for GET /policies: no key, no answer (401).
        if (await keys.AuthenticateAsync(http.Request, cancellationToken) is not { } caller)
        {
            return ApiResults.Unauthorized(requestId);
        }

        var errors = new List<ApiError>();
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Missing query parameter.", "The query parameter id (the user's id) is required.", "/id"));
        }

        if (string.IsNullOrWhiteSpace(typeId))
        {
            errors.Add(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Missing query parameter.", "The query parameter typeId (the user's item type id) is required.", "/typeId"));
        }

        foreach (var (name, value) in new[] { ("id", id), ("typeId", typeId) })
        {
            // PostgreSQL cannot compare text holding NUL (the query would fail with a 500).
            if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Invalid query parameter.", $"The query parameter {name} must not contain NUL.", "/" + name));
            }
        }

        if (errors.Count > 0)
        {
            return ApiResults.Errors(errors, requestId);
        }

        var itemType = (await catalog.GetLatestAsync(caller.OrganizationId, cancellationToken)).ById(typeId!);
        if (itemType is null)
        {
            return ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.NotFound, "Unknown item type.", $"No item type has the id '{typeId}'.", "/typeId"), requestId);
        }

        if (itemType.Kind != ItemTypeKind.User)
        {
            return ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Not a user item type.",
                $"'{itemType.Name}' is a {itemType.Kind.ToString().ToUpperInvariant()} type; scores belong to users.", "/typeId"), requestId);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var active = await StrikeLedger.ActiveTotalAsync(db, caller.OrganizationId, new ItemIdentifier(id!, typeId!), time.GetUtcNow().UtcDateTime, cancellationToken);
        return Results.Json(StrikeRules.UserScore(active), ApiResults.Json);
    }
}
