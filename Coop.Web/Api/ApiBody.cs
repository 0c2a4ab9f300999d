using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Coop.Web.Api;

/// <summary>Reads a JSON request body within the size limit, turning every way it can be wrong into a 400.</summary>
public sealed class ApiBody(IOptions<ApiOptions> options)
{
    public async Task<(JsonNode? Body, ApiError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body failed schema validation.",
                "The request needs a JSON body.", pointer: string.Empty));
        }

        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return (node, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            return (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body is not valid JSON.",
                $"The body could not be parsed as JSON{where}.", pointer: string.Empty));
        }
    }

    /// <summary>Reads a body that must be a JSON object; on any problem returns the 400 to send instead (and an empty object).</summary>
    public async Task<(JsonObject Body, IResult? Failure)> ReadObjectAsync(HttpRequest request, string requestId, CancellationToken cancellationToken)
    {
        var (node, error) = await ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return ([], ApiResults.Error(error, requestId));
        }

        return node is JsonObject body
            ? (body, null)
            : ([], ApiResults.Error(ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body failed schema validation.",
                "The body must be a JSON object.", string.Empty), requestId));
    }

    private static ApiError TooLarge(long limit) =>
        ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body is too large.",
            $"The body exceeds the limit of {limit} bytes. Send smaller batches.", pointer: string.Empty);
}
