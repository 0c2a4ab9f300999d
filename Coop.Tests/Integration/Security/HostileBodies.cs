using System.Text;
using System.Text.Json.Nodes;

namespace Coop.Tests.Integration.Security;

/// <summary>One request of the fuzz run: what it is (for the failure message), and exactly what goes on the wire.</summary>
public sealed record FuzzRequest(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType = "application/json", string? ApiKey = null)
{
    /// <summary>The start of the body as text, for failure messages.</summary>
    public string Excerpt => Body is null ? "(no body)"
        : Body.Length > 160 ? Encoding.UTF8.GetString(Body, 0, 160) + $"… ({Body.Length} bytes)" : Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Seeded mutations of a valid JSON body: malformed JSON, deep nesting, huge strings, wrong types at each field, unicode
/// edge cases (also as raw bytes that are not UTF-8), duplicate keys, other roots, other content types. Raw fragments
/// (what a JSON writer would never produce) are put in through markers replaced at the byte level.
/// </summary>
public sealed class HostileBodies(Random random, long maxBodyBytes)
{
    /// <summary>JSON string tokens (with their quotes) a parser must survive: escaped lone surrogates, NUL, bidi overrides, emoji, non-normalised forms, bytes that are not UTF-8.</summary>
    public static readonly (string Name, byte[] Token)[] UnicodeTokens =
    [
        ("lone high surrogate", Ascii("\"\\ud800\"")),
        ("lone low surrogate", Ascii("\"x\\udc00y\"")),
        ("reversed surrogate pair", Ascii("\"\\udc00\\ud800\"")),
        ("escaped NUL", Ascii("\"a\\u0000b\"")),
        ("escaped NUL only", Ascii("\"\\u0000\"")),
        ("RTL override", Utf8("\"\u202Egnp.exe\u202C evil\"")),
        ("emoji ZWJ sequences", Utf8("\"👩‍👩‍👧‍👦🏳️‍🌈 🧑🏽‍💻\"")),
        ("combining marks", Utf8("\"e\u0301\u0301\u0301\u0301 Z\u0351\u0363\u036b\"")),
        ("non-NFC forms", Utf8("\"A\u030A \u212B \uFB01 \u2167\"")),
        ("BOM, zero width and line separators", Utf8("\"\uFEFF\u200B\u200D\u2028\u2029\"")),
        ("noncharacters", Utf8("\"\uFFFE\uFFFF\uFDD0\"")),
        ("many emoji", Utf8("\"" + string.Concat(Enumerable.Repeat("😀", 300)) + "\"")),
        ("overlong UTF-8", [0x22, 0xC0, 0xAF, 0x22]),
        ("invalid UTF-8 bytes", [0x22, 0xFF, 0xFE, 0x22]),
        ("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22]),
        ("truncated UTF-8 sequence", [0x22, 0xE2, 0x82, 0x22]),
        ("raw control characters", [0x22, 0x61, 0x00, 0x01, 0x1F, 0x22]),
    ];

    /// <summary>Number-ish tokens: some not JSON at all (NaN, hex), some JSON but out of every numeric range.</summary>
    public static readonly string[] NumberTokens =
        ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-0", "123456789012345678901234567890", "0x10", "01", ".5", "+1", "1e-400", "4.9e-324"];

    private static readonly string[] TrailingGarbage = ["}", "]", "x", ",", "{}", "\0", " // comment", "\"tail\"", "\n{\"a\":1}"];

    private int markers;

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Every mutation of <paramref name="valid"/> for a POST endpoint at <paramref name="path"/>, the valid body first.</summary>
    public IEnumerable<FuzzRequest> For(string path, JsonObject valid)
    {
        var text = valid.ToJsonString();
        var bytes = Utf8(text);
        FuzzRequest Post(string name, byte[]? body, string? contentType = "application/json") => new(name, HttpMethod.Post, path, body, contentType);

        yield return Post("valid body", bytes);
        yield return Post("valid body without an API key", bytes) with { ApiKey = string.Empty };
        yield return Post("valid body with a wrong API key", bytes) with { ApiKey = "not-a-key-" + new string('k', 300) };

        // Malformed JSON.
        yield return Post("empty body", []);
        yield return Post("no body", null, null);
        yield return Post("whitespace body", Ascii(" \r\n\t "));
        for (var i = 0; i < 3; i++)
        {
            var cut = random.Next(1, bytes.Length - 1);
            yield return Post($"truncated at byte {cut}", bytes[..cut]);
        }

        foreach (var garbage in Pick(TrailingGarbage, 3))
        {
            yield return Post($"trailing garbage {Show(garbage)}", [.. bytes, .. Utf8(garbage)]);
        }

        yield return Post("UTF-8 BOM before the body", [0xEF, 0xBB, 0xBF, .. bytes]);
        yield return Post("UTF-16 body", Encoding.Unicode.GetBytes(text));
        yield return Post("random bytes", RandomBytes(96));
        yield return Post("JSON with comments and trailing commas", Utf8("/* hi */" + text[..^1] + ",}"));
        foreach (var root in new[] { "[]", "\"text\"", "42", "null", "true", "[" + text + "]" })
        {
            yield return Post($"root {Show(root)}", Utf8(root));
        }

        // Deep nesting: far past the parser's depth limit, as the body and inside a field; and just under it.
        yield return Post("10,000 nested arrays as the body", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Post("10,000 nested objects as the body", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return Replace("10,000 nested arrays in a field", valid, Any(valid), Utf8(new string('[', 10_000) + new string(']', 10_000)), path);
        yield return Replace("10,000 unclosed arrays in a field", valid, Any(valid), Utf8(new string('[', 10_000)), path);
        yield return Replace("50 nested objects in a field", valid, Any(valid), Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 50)) + "\"deep\"" + new string('}', 50)), path);

        // Huge strings: over the body limit, and large but under it.
        var over = (int)Math.Min(maxBodyBytes + (2 * 1024 * 1024), 64L * 1024 * 1024);
        yield return Replace($"string of {over / 1024} KB (over the limit)", valid, Strings(valid).DefaultIfEmpty(Any(valid)).First(), Utf8("\"" + new string('A', over) + "\""), path);
        var under = (int)Math.Max(1024, maxBodyBytes / 2);
        foreach (var pointer in Pick(Strings(valid), 2))
        {
            yield return Replace($"string of {under / 1024} KB at {pointer}", valid, pointer, Utf8("\"" + new string('é', under / 4) + "\""), path);
        }

        yield return Post($"{over / 1024} KB of whitespace before the body", [.. Enumerable.Repeat((byte)' ', over), .. bytes]);

        // Wrong types, at each field (a sample when there are many).
        foreach (var pointer in Pick(Pointers(valid), 24))
        {
            var current = Locate(valid, pointer);
            var wrong = WrongValueFor(current);
            yield return Replace($"{Kind(wrong)} instead of {Kind(current)} at {pointer}", valid, pointer, Utf8(wrong?.ToJsonString() ?? "null"), path);
        }

        foreach (var name in valid.Select(p => p.Key).ToList())
        {
            var copy = valid.DeepClone().AsObject();
            copy.Remove(name);
            yield return Post($"without /{name}", Utf8(copy.ToJsonString()));
        }

        // Numbers that are not numbers.
        foreach (var token in Pick(NumberTokens, 5))
        {
            yield return Replace($"number token {token}", valid, Pick(Numbers(valid).Concat(Strings(valid)).ToList(), 1).Single(), Ascii(token), path);
        }

        // Unicode edge cases, as values and as keys.
        var strings = Strings(valid);
        foreach (var (name, token) in UnicodeTokens)
        {
            var pointer = strings[random.Next(strings.Count)];
            yield return Replace($"{name} at {pointer}", valid, pointer, token, path);
        }

        foreach (var (name, token) in Pick(UnicodeTokens, 5))
        {
            yield return RenameKey($"{name} as a key", valid, token, path);
        }

        // Duplicate keys, with values of the same and of another type.
        foreach (var pointer in Pick(Pointers(valid), 4))
        {
            yield return Duplicate($"duplicate key at {pointer}", valid, pointer, path);
        }

        // The valid body with another content type, or none.
        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/xml" })
        {
            yield return Post($"content type {contentType}", bytes, contentType);
        }

        yield return Post("no content type", bytes, null);
        yield return Post("prototype keys", Utf8(text[..^1] + ",\"__proto__\":{\"admin\":true},\"constructor\":{\"prototype\":{}}}"));

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            yield return new FuzzRequest($"{method} instead of POST", method, path, method == HttpMethod.Get ? null : bytes, method == HttpMethod.Get ? null : "application/json");
        }
    }

    /// <summary>Mutations of a GET endpoint's query string.</summary>
    public IEnumerable<FuzzRequest> ForQuery(string path, IReadOnlyList<(string Name, string Value)> valid)
    {
        FuzzRequest Get(string name, IEnumerable<(string Name, string Value)> query) =>
            new(name, HttpMethod.Get, path + (query.Any() ? "?" + string.Join("&", query.Select(q => $"{q.Name}={q.Value}")) : string.Empty), null, null);

        yield return Get("valid query", valid);
        yield return Get("valid query without an API key", valid) with { ApiKey = string.Empty };
        yield return Get("no query", []);
        yield return Get("unknown parameters", [.. valid, ("__proto__", "x"), ("x[]", "1"), ("%", "%")]);
        yield return Get("random query", [("q", Convert.ToHexString(RandomBytes(16))), (Uri.EscapeDataString("\u202E"), "1")]);
        string[] hostileValues =
        [
            string.Empty, "%ED%A0%80", "%00", "a%00b", "%FF%FE", "%C0%AF", "%", "%zz", "+", "%20%20", Uri.EscapeDataString("\u202Egnp.exe"),
            Uri.EscapeDataString("👩‍👩‍👧‍👦"), Uri.EscapeDataString("A\u030A"), new string('x', 8000), Uri.EscapeDataString("<script>alert(1)</script>"),
            "post", "nope", "1e400", "NaN", "%5B%5D", "null",
        ];
        foreach (var (name, _) in valid)
        {
            yield return Get($"without {name}", valid.Where(q => q.Name != name));
            yield return Get($"{name} twice", [.. valid, (name, "again")]);
            foreach (var value in Pick(hostileValues, 7))
            {
                yield return Get($"{name}={Show(value)}", valid.Select(q => q.Name == name ? (q.Name, value) : q));
            }
        }

        yield return Get("GET with a JSON body", valid) with { Body = Utf8("{\"id\":1}"), ContentType = "application/json" };
        yield return Get("GET with a malformed body", valid) with { Body = Utf8("{\"id\":"), ContentType = "application/json" };
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            yield return Get($"{method} instead of GET", valid) with { Method = method, Body = Utf8("{}") };
        }
    }

    /// <summary>JSON pointers of every node below the root.</summary>
    public static List<string> Pointers(JsonNode root)
    {
        var result = new List<string>();
        void Walk(JsonNode? node, string pointer)
        {
            if (pointer.Length > 0)
            {
                result.Add(pointer);
            }

            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        Walk(child, pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{pointer}/{i}");
                    }

                    break;
            }
        }

        Walk(root, string.Empty);
        return result;
    }

    private static JsonNode? Locate(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a => a[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)],
                _ => throw new InvalidOperationException($"{pointer} does not exist"),
            };
        }

        return node;
    }

    private static void Set(JsonNode root, string pointer, JsonNode? value)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = Locate(root, pointer[..cut]);
        var last = pointer[(cut + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
        }
    }

    private static List<string> Strings(JsonObject valid) =>
        [.. Pointers(valid).Where(p => Locate(valid, p) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)];

    private static List<string> Numbers(JsonObject valid) =>
        [.. Pointers(valid).Where(p => Locate(valid, p) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number)];

    private string Any(JsonObject valid)
    {
        var all = Pointers(valid);
        return all[random.Next(all.Count)];
    }

    /// <summary>The body with the node at <paramref name="pointer"/> replaced by raw bytes.</summary>
    private FuzzRequest Replace(string name, JsonObject valid, string pointer, byte[] raw, string path)
    {
        var marker = NextMarker();
        var copy = valid.DeepClone();
        Set(copy, pointer, JsonValue.Create(marker));
        return new FuzzRequest(name, HttpMethod.Post, path, Splice(Utf8(copy.ToJsonString()), Ascii($"\"{marker}\""), raw));
    }

    /// <summary>The body with one key of a random object renamed to a raw JSON string token.</summary>
    private FuzzRequest RenameKey(string name, JsonObject valid, byte[] token, string path)
    {
        var objects = Pointers(valid).Where(p => Locate(valid, p) is JsonObject { Count: > 0 }).Prepend(string.Empty).ToList();
        var pointer = objects[random.Next(objects.Count)];
        var copy = valid.DeepClone();
        var target = (pointer.Length == 0 ? copy : Locate(copy, pointer))!.AsObject();
        var key = target.ElementAt(random.Next(target.Count)).Key;
        var marker = NextMarker();
        var value = target[key];
        target.Remove(key);
        target[marker] = value?.DeepClone();
        return new FuzzRequest($"{name} (for {pointer}/{key})", HttpMethod.Post, path, Splice(Utf8(copy.ToJsonString()), Ascii($"\"{marker}\""), token));
    }

    /// <summary>The body with the key at <paramref name="pointer"/> (or its parent's) written twice, the second time with another value.</summary>
    private FuzzRequest Duplicate(string name, JsonObject valid, string pointer, string path)
    {
        var copy = valid.DeepClone();
        var cut = pointer.LastIndexOf('/');
        var parentPointer = pointer[..cut];
        var key = pointer[(cut + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        if ((parentPointer.Length == 0 ? copy : Locate(copy, parentPointer)) is not JsonObject parent)
        {
            // An array element: duplicate a key of the root instead.
            parent = copy.AsObject();
            key = parent.First().Key;
        }

        var marker = NextMarker();
        var second = random.Next(2) == 0 ? parent[key]?.DeepClone() : WrongValueFor(parent[key]);
        if (random.Next(2) == 0)
        {
            parent[marker] = second;
        }
        else
        {
            // The duplicate comes first.
            var entries = parent.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
            parent.Clear();
            parent[marker] = second;
            foreach (var (k, v) in entries)
            {
                parent[k] = v;
            }
        }

        return new FuzzRequest(name, HttpMethod.Post, path, Splice(Utf8(copy.ToJsonString()), Ascii($"\"{marker}\""), Utf8(JsonValue.Create(key).ToJsonString())));
    }

    private JsonNode? WrongValueFor(JsonNode? current)
    {
        JsonNode?[] candidates =
        [
            null, JsonValue.Create(true), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(1e308),
            JsonValue.Create(string.Empty), JsonValue.Create("text"), new JsonArray(), new JsonObject(),
            new JsonArray(1, "a", null), new JsonObject { ["a"] = 1, ["id"] = new JsonArray() },
        ];
        var kind = Kind(current);
        var options = candidates.Where(c => Kind(c) != kind).ToList();
        return options[random.Next(options.Count)]?.DeepClone();
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    private List<T> Pick<T>(IReadOnlyList<T> from, int count) =>
        from.Count <= count ? [.. from] : [.. from.OrderBy(_ => random.Next()).Take(count)];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string NextMarker() => $"FUZZMARKER{markers++}X";

    private static string Show(string text) => text.Length > 24 ? text[..24] + "…" : text.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary><paramref name="bytes"/> with the first occurrence of <paramref name="needle"/> replaced.</summary>
    public static byte[] Splice(byte[] bytes, byte[] needle, byte[] replacement)
    {
        var at = bytes.AsSpan().IndexOf(needle);
        if (at < 0)
        {
            throw new InvalidOperationException("marker not found");
        }

        return [.. bytes.AsSpan(0, at), .. replacement, .. bytes.AsSpan(at + needle.Length)];
    }
}
