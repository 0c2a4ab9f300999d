using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coop.Domain.Actions;

/// <summary>Checks of an action's webhook settings: callback URL, headers and the static body.</summary>
public static class ActionValidation
{
    public const int UrlMaxLength = 2048;
    public const int HeaderValueMaxLength = 4096;
    public const int MaxHeaders = 50;
    public const int BodyMaxLength = 64 * 1024;

    /// <summary>Headers Coop sets itself or that only make sense hop by hop.</summary>
    public static IReadOnlySet<string> ReservedHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Content-Length", "Host", "Content-Type", "Coop-Signature", "Coop-Timestamp",
    };

    /// <summary>Null when <paramref name="url"/> is an absolute http(s) URL without credentials; else the problem.</summary>
    public static string? CallbackUrlError(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the callback URL your platform receives the action on.";
        }

        if (url.Trim().Length > UrlMaxLength)
        {
            return $"Use at most {UrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Enter an absolute http:// or https:// URL.";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "The URL needs a host.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Do not put credentials in the URL; send them in a header instead.";
        }

        return uri.Fragment.Length > 0 ? "The URL cannot have a #fragment." : null;
    }

    /// <summary>Null when <paramref name="name"/> may be sent as a custom header; else the problem.</summary>
    public static string? HeaderNameError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Name the header.";
        }

        if (name.Length > 256 || !name.All(IsTokenChar))
        {
            return $"'{name}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only).";
        }

        return ReservedHeaders.Contains(name) ? $"The {name} header is set by Coop or the connection and cannot be configured." : null;
    }

    /// <summary>Null when <paramref name="value"/> may be sent as a header value; else the problem (never quoting the value).</summary>
    public static string? HeaderValueError(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Enter a value.";
        }

        if (value.Length > HeaderValueMaxLength)
        {
            return $"Use at most {HeaderValueMaxLength} characters.";
        }

        return value.Any(c => c is '\r' or '\n' or '\0' || c > '\u00ff' || (char.IsControl(c) && c != '\t'))
            ? "Header values cannot contain line breaks, control characters or characters outside Latin-1."
            : null;
    }

    /// <summary>Null when <paramref name="body"/> is empty or a JSON object; else the parser's complaint.</summary>
    public static string? CustomBodyError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (body.Length > BodyMaxLength)
        {
            return $"The body has at most {BodyMaxLength / 1024} KB.";
        }

        try
        {
            return JsonNode.Parse(body) is JsonObject ? null : "The body must be a JSON object: { \"key\": \"value\" }.";
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            return $"The body is not valid JSON{where}.";
        }
    }

    /// <summary>The body as compact JSON, or null when empty; call after <see cref="CustomBodyError"/> passed.</summary>
    public static string? NormalizeBody(string? body) =>
        string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body)!.ToJsonString();

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>Problems with headers as an editor sends them; a null value keeps the saved value of a header in <paramref name="savedNames"/>.</summary>
    public static IEnumerable<string> HeaderErrors(IReadOnlyList<ActionHeaderInput> headers, IReadOnlyCollection<string> savedNames)
    {
        if (headers.Count > ActionValidation.MaxHeaders)
        {
            yield return $"Use at most {ActionValidation.MaxHeaders} headers.";
        }

        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(savedNames);
        var kept = savedNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (ActionValidation.HeaderNameError(header.Name) is { } nameError)
            {
                yield return nameError;
                continue;
            }

            if (!seen.Add(header.Name.Trim()))
            {
                yield return $"The header {header.Name} appears twice.";
            }

            if (header.Value is null)
            {
                if (!kept.Contains(header.Name.Trim()))
                {
                    yield return $"Enter a value for the header {header.Name}.";
                }
            }
            else if (ActionValidation.HeaderValueError(header.Value) is { } valueError)
            {
                yield return $"{header.Name}: {valueError}";
            }
        }
    }

    /// <summary>The headers to store: each input's value, or for a null value the saved one (validated by <see cref="HeaderErrors"/> first).</summary>
    public static ActionHeader[] MergeHeaders(IReadOnlyList<ActionHeaderInput> headers, IReadOnlyList<ActionHeader> saved)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(saved);
        var existing = saved.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return [.. headers.Select(h => new ActionHeader(h.Name.Trim(), h.Value ?? existing[h.Name.Trim()]))];
    }
}
