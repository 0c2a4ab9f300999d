using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coop.Web.Api;

/// <summary>Writes Coop's error envelope; the HTTP status is the first error's status, as in Coop.</summary>
public static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IResult Errors(IReadOnlyList<ApiError> errors, string? requestId = null)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("An error response needs at least one error.", nameof(errors));
        }

        var stamped = requestId is null ? errors : [.. errors.Select(e => e with { RequestId = e.RequestId ?? requestId })];
        return Results.Json(new ApiErrorEnvelope(stamped), Json, statusCode: stamped[0].Status);
    }

    public static IResult Error(ApiError error, string? requestId = null) => Errors([error], requestId);

    public static IResult Unauthorized(string? requestId = null) => Error(
        new ApiError(StatusCodes.Status401Unauthorized, [ApiErrorTypes.AuthenticationFailed], "Invalid API Key",
            "Send the organization's API key in the X-API-KEY header."), requestId);

    public static IResult NotFound(string title, string? detail = null, string? pointer = null, string? requestId = null) => Error(
        new ApiError(StatusCodes.Status404NotFound, [ApiErrorTypes.NotFound], title, detail, pointer), requestId);

    public static IResult Internal(string requestId) => Error(
        new ApiError(StatusCodes.Status500InternalServerError, [ApiErrorTypes.InternalServerError], "Unknown error",
            "The server could not complete the request. It is safe to retry."), requestId);
}
