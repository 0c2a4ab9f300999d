using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coop.Domain.Conditions;
using Coop.Domain.Signals;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Web.Features.Rules.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Docs;

/// <summary>
/// The documentation's examples work: every request example of docs/api/*.md, sent in order to the demo
/// organization, gets the documented status and response; docs/api/openapi.json is the document the app serves; and
/// the webhook signature examples of docs/api/webhooks.md (C#, Python, JavaScript) accept a body signed by Coop's
/// own signer and reject a tampered one.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DocsExamplesTests(DocsDemoApp demo) : IClassFixture<DocsDemoApp>
{
    /// <summary>Response values that differ on every call; only their JSON kind is checked.</summary>
    private static readonly HashSet<string> Varying = new(StringComparer.Ordinal) { "requestId", "reportId" };

    private static readonly string ApiDocs = Path.Combine(DocsDemoApp.Root, "docs", "api");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_api_example_gets_the_documented_response()
    {
        var examples = Directory.EnumerateFiles(ApiDocs, "*.md").Order(StringComparer.Ordinal)
            .SelectMany(f => HttpExamples.Parse(File.ReadAllText(f), Path.GetRelativePath(DocsDemoApp.Root, f)))
            .ToList();
        Assert.True(examples.Count >= 15, $"Only {examples.Count} request examples found in docs/api.");
        Assert.Contains(examples, e => e.Method == "GET");

        var problems = new List<string>();
        foreach (var example in examples)
        {
            using var request = new HttpRequestMessage(new HttpMethod(example.Method), new Uri(example.Target, UriKind.Relative));
            foreach (var (name, value) in example.Headers)
            {
                if (name.Equals("X-API-KEY", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.Add(name, value.Replace("YOUR_API_KEY", demo.Client.ApiKey, StringComparison.Ordinal));
                }
            }

            if (example.Body is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var response = await demo.Client.Http.SendAsync(request, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            var mismatch = (int)response.StatusCode != example.Status
                ? $"status {(int)response.StatusCode}, documented {example.Status}"
                : example.ResponseBody is { } documented ? Mismatch(JsonNode.Parse(documented), ParseOrNull(text), "$") : null;
            if (mismatch is not null)
            {
                problems.Add($"{example}: {mismatch}\n  got: {text}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_committed_openapi_document_is_the_one_the_app_serves()
    {
        var committed = Path.Combine(ApiDocs, "openapi.json");
        using var http = demo.App.CreateClient();
        var served = Normalize(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel));
        if (Environment.GetEnvironmentVariable("COOP_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(committed, served, Cancel);
        }

        Assert.True(File.Exists(committed) && Normalize(await File.ReadAllTextAsync(committed, Cancel)) == served,
            "docs/api/openapi.json is not what the app serves at /openapi/v1.json. Regenerate it with "
            + "COOP_UPDATE_DOCS=1 ./artifacts/bin/Coop.Tests/debug/Coop.Tests -method '*The_committed_openapi_document*' "
            + "after a build, and commit the file.");
    }

    [Fact]
    public async Task The_csharp_verification_example_is_the_tested_code_and_checks_coops_signature()
    {
        var (body, signature, pem) = await SignedSampleAsync();
        Assert.Equal(Lines(Snippet("csharp")), Lines(ThisFileRegion()));
        Assert.True(VerifyCoopSignature(pem, body, signature));
        Assert.False(VerifyCoopSignature(pem, Tampered(body), signature));
        Assert.False(VerifyCoopSignature(pem, body, "not base64!"));
    }

    [Fact]
    public async Task The_python_verification_example_checks_coops_signature()
    {
        var probe = await RunAsync("python3", ["-c", "import cryptography"]);
        Assert.SkipWhen(probe is null, "python3 is not installed, so the Python example cannot be run.");
        Assert.SkipWhen(probe!.Value.ExitCode != 0, "python3 has no 'cryptography' package (pip install cryptography), which the Python example uses.");
        var harness = """

            import sys
            with open(sys.argv[1], "rb") as f: pem = f.read()
            with open(sys.argv[2], "rb") as f: body = f.read()
            with open(sys.argv[3]) as f: signature = f.read().strip()
            print("valid" if verify_coop_signature(pem, body, signature) else "invalid")
            """;
        await VerifyWithScriptAsync("python3", "verify.py", Snippet("python") + harness);
    }

    [Fact]
    public async Task The_javascript_verification_example_checks_coops_signature()
    {
        var probe = await RunAsync("node", ["--version"]);
        Assert.SkipWhen(probe is null, "node is not installed, so the JavaScript example cannot be run.");
        var harness = """

            const fs = require("node:fs");
            const [pem, body, signature] = process.argv.slice(2).map((f) => fs.readFileSync(f));
            console.log(verifyCoopSignature(pem.toString(), body, signature.toString().trim()) ? "valid" : "invalid");
            """;
        await VerifyWithScriptAsync("node", "verify.cjs", Snippet("javascript") + harness);
    }

    [Fact]
    public async Task The_signal_plugin_example_is_registered_and_scores_text()
    {
        var page = File.ReadAllText(Path.Combine(DocsDemoApp.Root, "docs", "integrations", "signal-plugins.md"));
        var documented = FencedBlock().Matches(page).Single(m => m.Groups[1].Value == "csharp" && m.Groups[2].Value.Contains("class ShoutingSignal", StringComparison.Ordinal));
        var source = File.ReadAllText(Path.Combine(DocsDemoApp.Root, "Coop.Tests", "Integration", "Docs", "ShoutingSignal.cs"));
        var begin = source.IndexOf('\n', source.IndexOf("// docs:signal-example begin", StringComparison.Ordinal)) + 1;
        Assert.Equal(Lines(documented.Groups[2].Value), Lines(source[begin..source.IndexOf("// docs:signal-example end", StringComparison.Ordinal)]));

        var runners = demo.App.Services.GetRequiredService<SignalRunnerFactory>();
        Assert.Equal("Shouting", runners.Registry.ManifestOf("example.shouting")?.Name);
        var runner = runners.For(new SignalItem(demo.OrganizationId, "demo-post", "post-9", "v1"));
        var call = new SignalCall("example.shouting");
        Assert.Equal(1.0, (await runner.RunAsync(call, "BUY NOW!!!", Cancel)).NumberValue);
        Assert.Equal(0.25, (await runner.RunAsync(call, "Buy Now, ok", Cancel)).NumberValue);
        Assert.True((await runner.RunAsync(call, "!!! 123", Cancel)).IsFailure);
    }

    // docs:verify-csharp begin (this region is docs/api/webhooks.md's C# example, word for word)
    static bool VerifyCoopSignature(string publicKeyPem, byte[] body, string signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        try
        {
            return rsa.VerifyData(body, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false; // the header is not base64
        }
    }
    // docs:verify-csharp end

    private async Task VerifyWithScriptAsync(string interpreter, string scriptName, string script)
    {
        var (body, signature, pem) = await SignedSampleAsync();
        var work = TestSettings.NewTempDirectory();
        try
        {
            string Write(string name, byte[] content)
            {
                var path = Path.Combine(work, name);
                File.WriteAllBytes(path, content);
                return path;
            }

            var scriptPath = Write(scriptName, Encoding.UTF8.GetBytes(script));
            var pemPath = Write("key.pem", Encoding.ASCII.GetBytes(pem));
            var signaturePath = Write("signature.txt", Encoding.ASCII.GetBytes(signature));
            var good = await RunAsync(interpreter, [scriptPath, pemPath, Write("body.json", body), signaturePath]);
            var bad = await RunAsync(interpreter, [scriptPath, pemPath, Write("tampered.json", Tampered(body)), signaturePath]);
            Assert.Equal((0, "valid"), (good!.Value.ExitCode, good.Value.Output.Trim()));
            Assert.Equal((0, "invalid"), (bad!.Value.ExitCode, bad.Value.Output.Trim()));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>An action callback body (with non-ASCII text: the signature covers the exact bytes) signed by the demo organization's key.</summary>
    private async Task<(byte[] Body, string Signature, string PublicKeyPem)> SignedSampleAsync()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"item":{"id":"post-1001","typeId":"demo-post","typeName":"Post"},"action":{"id":"demo-remove"},"policies":[{"id":"demo-scam","name":"Scams","penalty":"MEDIUM"}],"rules":[],"custom":{},"actorEmail":"moderator@demo.coop","actorNote":"crypto doubling 🚀 — removed","userStrikeCount":2}
            """);
        var signer = demo.App.Services.GetRequiredService<IWebhookSigner>();
        return (body, await signer.SignAsync(demo.OrganizationId, body, Cancel), await signer.GetPublicKeyPemAsync(demo.OrganizationId, Cancel));
    }

    private static byte[] Tampered(byte[] body) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"userStrikeCount\":2", "\"userStrikeCount\":0", StringComparison.Ordinal));

    /// <summary>The one fenced block of the language in docs/api/webhooks.md.</summary>
    private static string Snippet(string language)
    {
        var blocks = FencedBlock().Matches(File.ReadAllText(Path.Combine(ApiDocs, "webhooks.md")))
            .Where(m => m.Groups[1].Value == language).ToList();
        Assert.True(blocks.Count == 1, $"docs/api/webhooks.md should have exactly one {language} block, has {blocks.Count}.");
        return blocks[0].Groups[2].Value;
    }

    private static string ThisFileRegion()
    {
        var source = File.ReadAllText(Path.Combine(DocsDemoApp.Root, "Coop.Tests", "Integration", "Docs", "DocsExamplesTests.cs"));
        var begin = source.IndexOf("// docs:verify-csharp begin", StringComparison.Ordinal);
        var end = source.IndexOf("    // docs:verify-csharp end", StringComparison.Ordinal);
        return source[(source.IndexOf('\n', begin) + 1)..end];
    }

    private static List<string> Lines(string code) =>
        [.. code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static async Task<(int ExitCode, string Output)?> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var output = process!.StandardOutput.ReadToEndAsync(Cancel);
            var error = process.StandardError.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            return (process.ExitCode, await output + await error);
        }
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>Where <paramref name="actual"/> differs from the documented JSON: same keys, same array lengths, same values except <see cref="Varying"/> ones (same kind).</summary>
    private static string? Mismatch(JsonNode? documented, JsonNode? actual, string path)
    {
        switch (documented)
        {
            case JsonObject expected:
                if (actual is not JsonObject got)
                {
                    return $"{path}: expected an object";
                }

                var keys = string.Join(",", expected.Select(p => p.Key).Order(StringComparer.Ordinal));
                var gotKeys = string.Join(",", got.Select(p => p.Key).Order(StringComparer.Ordinal));
                if (keys != gotKeys)
                {
                    return $"{path}: keys {gotKeys}, documented {keys}";
                }

                return expected.Select(p => Varying.Contains(p.Key)
                        ? (p.Value?.GetValueKind() == got[p.Key]?.GetValueKind() ? null : $"{path}.{p.Key}: another kind of value")
                        : Mismatch(p.Value, got[p.Key], $"{path}.{p.Key}"))
                    .FirstOrDefault(m => m is not null);
            case JsonArray expectedArray:
                if (actual is not JsonArray gotArray || gotArray.Count != expectedArray.Count)
                {
                    return $"{path}: expected an array of {expectedArray.Count}";
                }

                return expectedArray.Select((e, i) => Mismatch(e, gotArray[i], $"{path}[{i}]")).FirstOrDefault(m => m is not null);
            default:
                return JsonNode.DeepEquals(documented, actual) ? null : $"{path}: {actual?.ToJsonString() ?? "null"}, documented {documented?.ToJsonString() ?? "null"}";
        }
    }

    [GeneratedRegex(@"^```([a-z]*)[ \t]*\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    /// <summary>The document as committed: indented, without <c>servers</c> (which names the host that was asked).</summary>
    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
