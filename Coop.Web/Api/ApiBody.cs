using System.Buffers;
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

        // A pooled buffer sized from Content-Length (a fresh 80 KB read buffer per request was half of ingestion's allocations).
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } declared ? (int)Math.Min(declared + 1, limit + 1) : 16 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return (null, TooLarge(limit));
                }
            }

            if (length == 0)
            {
                return (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body failed schema validation.",
                    "The request needs a JSON body.", pointer: string.Empty));
            }

            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (JsonNode? Body, ApiError? Error) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            // Duplicate keys are refused here: JsonObject would throw (a 500) the first time such an object is read.
            // (The node keeps a copy of the bytes: the pooled buffer can go back.)
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            return UnreadableText(node, string.Empty) is { } pointer
                ? (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body failed schema validation.",
                    $"{pointer}: holds text that is not valid Unicode (an unpaired surrogate or bytes that are not UTF-8), a NUL character or a duplicate key.", pointer))
                : (node, null);
        }
        catch (InvalidOperationException)
        {
            // Comparing keys for duplicates reads them: an escaped unpaired surrogate in a key throws here.
            return (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body is not valid JSON.",
                "A key of the body is not valid Unicode text (an unpaired surrogate).", pointer: string.Empty));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            return (null, ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, "Request body is not valid JSON.",
                $"The body could not be parsed as JSON{where}.", pointer: string.Empty));
        }
    }

    /// <summary>
    /// The JSON pointer of the first string or property name that cannot be read as text (an escaped unpaired surrogate or
    /// invalid UTF-8: reading it throws) or holds NUL (which PostgreSQL cannot store); null when every string is fine.
    /// </summary>
    private static string? UnreadableText(JsonNode? node, string pointer)
    {
        try
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        var at = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                        if (key.Contains('\0', StringComparison.Ordinal))
                        {
                            return at;
                        }

                        if (UnreadableText(child, at) is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (UnreadableText(a[i], $"{pointer}/{i}") is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    return v.GetValue<string>().Contains('\0', StringComparison.Ordinal) ? pointer : null;
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return pointer;
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
