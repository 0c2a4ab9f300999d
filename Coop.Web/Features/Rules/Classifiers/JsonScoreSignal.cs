using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// A classifier of your own behind a JSON endpoint: <c>POST {endpoint}</c> with
/// <c>{"text", "item": {"id", "typeId", "version"}, "model"?, "label"?}</c> and an optional auth header; the score is
/// the number at the dotted <c>scorePath</c> of the answer (<c>score</c> by default; <c>results.0.score</c> reads arrays).
/// </summary>
internal sealed class JsonScoreSignal(ClassifierHttp http) : ISignal
{
    public const string Id = "http.json-score";

    public SignalManifest Manifest { get; } = new(
        Id,
        "JSON scorer",
        "Your own classifier over HTTP: Coop posts the text and reads a number from the JSON answer.",
        SignalOutputType.Number,
        [SignalValueKind.Text],
        SignalMatching.None,
        Cost: 30)
    {
        OrganizationFields =
        [
            new("endpoint", "Endpoint URL", SignalFieldType.Url, Required: true, Description: "Receives a POST of {text, item, model, label}."),
            new("authHeaderName", "Auth header name", SignalFieldType.Text, Description: "For example Authorization or X-Api-Key; leave empty for none."),
            new("authHeaderValue", "Auth header value", SignalFieldType.Secret, Description: "Sent in the auth header."),
            new("scorePath", "Score path", SignalFieldType.Text, Description: "Where the number is in the answer, dotted (results.0.score).", DefaultValue: "score"),
            ClassifierSettings.TimeoutField,
        ],
        ConditionFields =
        [
            new("model", "Model", SignalFieldType.Text, Description: "Sent as model, if your service has several."),
            new("label", "Label", SignalFieldType.Text, Description: "Sent as label, for example the policy to score against."),
        ],
    };

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ClassifierSettings.HttpUri(request.Value("endpoint", Manifest)) is not { } endpoint)
        {
            return SignalResult.Failed($"{Manifest.Name}: the endpoint is not an http(s) URL.");
        }

        var body = new JsonObject
        {
            ["text"] = request.Value,
            ["item"] = new JsonObject { ["id"] = request.Item.ItemId, ["typeId"] = request.Item.ItemTypeId, ["version"] = request.Item.Version },
        };
        if (request.Argument("model") is { } model)
        {
            body["model"] = model;
        }

        if (request.Argument("label") is { } label)
        {
            body["label"] = label;
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (request.Value("authHeaderName", Manifest) is { } headerName)
        {
            headers.Add(new(headerName, request.Settings.GetValueOrDefault("authHeaderValue") ?? string.Empty));
        }

        var path = request.Value("scorePath", Manifest) ?? "score";
        return await http.RunAsync(Manifest, request, new ClassifierRequest(endpoint, body, headers, request.Timeout()),
            answer => Read(answer, path), cancellationToken);
    }

    /// <summary>The number at a dotted path (object keys, or array indexes for arrays).</summary>
    public static SignalResult Read(JsonNode answer, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = answer;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var score)
            ? SignalResult.Number(score)
            : SignalResult.Failed($"the answer has no number at '{path}'.");
    }
}
