using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Support.Fakes;

/// <summary>
/// A classifier service on a real loopback port (Kestrel on 127.0.0.1:0) with two endpoints:
/// <c>POST /v1/moderations</c>, OpenAI-compatible (bearer <see cref="ApiKey"/> or 401; a JSON body with
/// <see cref="Model"/> and a string <c>input</c> or 400; every category scored, <see cref="Words"/> raising scores),
/// and <c>POST /score</c>, a generic scorer (the <see cref="ScorerHeader"/> must match when set; answers
/// <c>{"result": {"score": n}, "label": …}</c>). Switches make it stall (<see cref="Delay"/>) or answer 500
/// (<see cref="Failing"/>); every request is recorded and counted.
/// </summary>
public sealed class FakeClassifier : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "hate", "hate/threatening", "harassment", "harassment/threatening", "self-harm", "self-harm/intent", "self-harm/instructions",
        "sexual", "sexual/minors", "violence", "violence/graphic", "illicit", "illicit/violent",
    ];

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ClassifierCall> calls = new();

    private FakeClassifier(WebApplication app) => this.app = app;

    public string ApiKey { get; set; } = "sk-test-key";

    public string Model { get; set; } = "omni-moderation-latest";

    /// <summary>Word (case-insensitive, contained in the text) → category → score. Unmatched categories score 0.01.</summary>
    public Dictionary<string, Dictionary<string, double>> Words { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The generic scorer's header, (name, value); null accepts anything.</summary>
    public (string Name, string Value)? ScorerHeader { get; set; }

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public bool Failing { get; set; }

    public Uri BaseAddress { get; private set; } = default!;

    public int CallCount => calls.Count;

    public IReadOnlyList<ClassifierCall> Calls => [.. calls];

    public static async Task<FakeClassifier> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeClassifier(app);
        app.MapPost("/v1/moderations", (Func<HttpContext, Task<IResult>>)fake.ModerateAsync);
        app.MapPost("/score", (Func<HttpContext, Task<IResult>>)fake.ScoreAsync);
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return fake;
    }

    public Uri UrlFor(string path) => new(BaseAddress, path);

    /// <summary>The score the fake gives <paramref name="text"/> for <paramref name="category"/>.</summary>
    public double ScoreOf(string text, string category) =>
        Words.Where(w => text.Contains(w.Key, StringComparison.OrdinalIgnoreCase) && w.Value.ContainsKey(category))
            .Select(w => w.Value[category]).DefaultIfEmpty(0.01).Max();

    private async Task<(JsonObject? Body, IResult? Stop)> ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        calls.Enqueue(new ClassifierCall(context.Request.Path, text, headers));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (Failing)
        {
            return (null, Results.Text("classifier down", statusCode: StatusCodes.Status500InternalServerError));
        }

        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        return body is null ? (null, Results.BadRequest(new { error = "body must be a JSON object" })) : (body, null);
    }

    private async Task<IResult> ModerateAsync(HttpContext context)
    {
        var (body, stop) = await ReceiveAsync(context);
        if (stop is not null)
        {
            return stop;
        }

        if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            return Results.Json(new { error = new { message = "Incorrect API key provided." } }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if ((string?)body!["model"] != Model || body["input"] is not JsonValue input || !input.TryGetValue<string>(out var text))
        {
            return Results.Json(new { error = new { message = "model and input are required." } }, statusCode: StatusCodes.Status400BadRequest);
        }

        var scores = new JsonObject();
        var flags = new JsonObject();
        foreach (var category in Categories)
        {
            var score = ScoreOf(text, category);
            scores[category] = score;
            flags[category] = score >= 0.5;
        }

        var result = new JsonObject
        {
            ["id"] = "modr-" + CallCount.ToString(CultureInfo.InvariantCulture),
            ["model"] = Model,
            ["results"] = new JsonArray(new JsonObject { ["flagged"] = flags.Any(f => (bool)f.Value!), ["categories"] = flags, ["category_scores"] = scores }),
        };
        return Results.Text(result.ToJsonString(), "application/json");
    }

    private async Task<IResult> ScoreAsync(HttpContext context)
    {
        var (body, stop) = await ReceiveAsync(context);
        if (stop is not null)
        {
            return stop;
        }

        if (ScorerHeader is { } header && context.Request.Headers[header.Name].ToString() != header.Value)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var text = (string?)body!["text"] ?? string.Empty;
        var label = (string?)body["label"] ?? "hate";
        var answer = new JsonObject { ["result"] = new JsonObject { ["score"] = ScoreOf(text, label) }, ["label"] = label };
        return Results.Text(answer.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request the fake classifier got.</summary>
public sealed record ClassifierCall(string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
