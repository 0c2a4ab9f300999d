using System.Text.RegularExpressions;

namespace Coop.Tests.Integration.Docs;

/// <summary>One documented request and the response documented right after it.</summary>
public sealed record HttpExample(
    string Source, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, int Status, string? ResponseBody)
{
    public override string ToString() => $"{Source}: {Method} {Target}";
}

/// <summary>
/// Reads the API examples of a Markdown page: a fenced <c>```http</c> block that starts with a request line
/// (<c>POST /api/v1/… HTTP/1.1</c>, headers, a blank line, the body) followed by a <c>```http</c> block that starts
/// with a status line (<c>HTTP/1.1 201 Created</c>, headers, a blank line, the body, if any).
/// </summary>
public static partial class HttpExamples
{
    public static IReadOnlyList<HttpExample> Parse(string markdown, string source)
    {
        var examples = new List<HttpExample>();
        (string Method, string Target, List<KeyValuePair<string, string>> Headers, string? Body, int Line)? pending = null;
        foreach (Match block in HttpBlock().Matches(markdown))
        {
            var line = markdown[..block.Index].Count(c => c == '\n') + 1;
            var (start, headers, body) = Split(block.Groups[1].Value);
            if (StatusLine().Match(start) is { Success: true } status)
            {
                if (pending is not { } request)
                {
                    throw new FormatException($"{source}:{line}: a response example without a request before it.");
                }

                examples.Add(new HttpExample($"{source}:{request.Line}", request.Method, request.Target, request.Headers, request.Body,
                    int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), body));
                pending = null;
            }
            else if (RequestLine().Match(start) is { Success: true } requestLine)
            {
                if (pending is not null)
                {
                    throw new FormatException($"{source}:{pending.Value.Line}: a request example without a response after it.");
                }

                pending = (requestLine.Groups[1].Value, requestLine.Groups[2].Value, headers, body, line);
            }
            else
            {
                throw new FormatException($"{source}:{line}: an http block must start with a request line or a status line, not '{start}'.");
            }
        }

        return pending is { } last ? throw new FormatException($"{source}:{last.Line}: a request example without a response after it.") : examples;
    }

    private static (string Start, List<KeyValuePair<string, string>> Headers, string? Body) Split(string block)
    {
        var lines = block.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headers = new List<KeyValuePair<string, string>>();
        var i = 1;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
        }

        var body = string.Join('\n', lines.Skip(i + 1)).Trim();
        return (lines[0].Trim(), headers, body.Length == 0 ? null : body);
    }

    [GeneratedRegex(@"^```http[ \t]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HttpBlock();

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})\b")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) (\S+) HTTP/1\.1$")]
    private static partial Regex RequestLine();
}
