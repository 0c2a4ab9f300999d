using System.Text.Json.Serialization;

namespace Coop.Web.Api;

/// <summary>One error of Coop's envelope: <c>{ status, type[], title, detail?, pointer?, requestId? }</c>.</summary>
public sealed record ApiError(
    int Status,
    IReadOnlyList<string> Type,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pointer = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null)
{
    /// <summary>A 400 of the given specific type; <c>/errors/invalid-user-input</c> is appended as Coop does.</summary>
    public static ApiError BadRequest(string type, string title, string? detail = null, string? pointer = null) =>
        new(StatusCodes.Status400BadRequest,
            type == ApiErrorTypes.InvalidUserInput ? [type] : [type, ApiErrorTypes.InvalidUserInput],
            title, detail, pointer);
}

/// <summary>The body of every non-2xx API response: <c>{ "errors": [ … ] }</c>.</summary>
public sealed record ApiErrorEnvelope(IReadOnlyList<ApiError> Errors);
