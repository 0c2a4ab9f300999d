using System.Text.Json.Nodes;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// OpenAI's moderation endpoint (or any compatible one): <c>POST {endpoint}/v1/moderations</c> with
/// <c>{"model", "input"}</c> and a bearer key; the score is <c>results[0].category_scores[category]</c>, 0 to 1.
/// One call per text serves every category only when the conditions ask for the same category; results are cached
/// per item version.
/// </summary>
internal sealed class OpenAiModerationSignal(ClassifierHttp http) : ISignal
{
    public const string Id = "openai.moderation";
    public const string DefaultEndpoint = "https://api.openai.com";
    public const string DefaultModel = "omni-moderation-latest";

    public static readonly IReadOnlyList<string> Categories =
    [
        "hate", "hate/threatening", "harassment", "harassment/threatening", "self-harm", "self-harm/intent", "self-harm/instructions",
        "sexual", "sexual/minors", "violence", "violence/graphic", "illicit", "illicit/violent",
    ];

    public SignalManifest Manifest { get; } = new(
        Id,
        "OpenAI moderation score",
        "OpenAI's moderation model scores a text for one category, from 0 to 1 (recommended thresholds: 0.95 for precision, 0.90 for recall). English.",
        SignalOutputType.Number,
        [SignalValueKind.Text],
        SignalMatching.None,
        Cost: 20)
    {
        OrganizationFields =
        [
            new("endpoint", "Endpoint", SignalFieldType.Url, Description: "OpenAI, or a compatible service; /v1/moderations is added.", DefaultValue: DefaultEndpoint),
            new("apiKey", "API key", SignalFieldType.Secret, Required: true, Description: "Sent as a bearer token."),
            new("model", "Model", SignalFieldType.Text, DefaultValue: DefaultModel),
            ClassifierSettings.TimeoutField,
        ],
        ConditionFields =
        [
            new("category", "Category", SignalFieldType.Choice, Required: true) { Choices = Categories },
        ],
    };

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var category = request.Argument("category");
        if (category is null || !Categories.Contains(category, StringComparer.Ordinal))
        {
            return SignalResult.Failed($"{Manifest.Name}: choose one of the categories ({string.Join(", ", Categories)}).");
        }

        if (ModerationsUri(request.Value("endpoint", Manifest)) is not { } endpoint)
        {
            return SignalResult.Failed($"{Manifest.Name}: the endpoint is not an http(s) URL.");
        }

        var body = new JsonObject { ["model"] = request.Value("model", Manifest) ?? DefaultModel, ["input"] = request.Value };
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", $"Bearer {request.Settings.GetValueOrDefault("apiKey")}") };
        return await http.RunAsync(Manifest, request, new ClassifierRequest(endpoint, body, headers, request.Timeout()),
            answer => Read(answer, category), cancellationToken);
    }

    /// <summary><c>https://api.openai.com</c> and <c>…/v1</c> both become <c>…/v1/moderations</c>.</summary>
    public static Uri? ModerationsUri(string? endpoint)
    {
        if (ClassifierSettings.HttpUri(endpoint) is not { } uri)
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        path = path.EndsWith("/moderations", StringComparison.Ordinal) ? path
            : path.EndsWith("/v1", StringComparison.Ordinal) ? path + "/moderations"
            : path + "/v1/moderations";
        return new UriBuilder(uri) { Path = path }.Uri;
    }

    private static SignalResult Read(JsonNode answer, string category)
    {
        var scores = (answer as JsonObject)?["results"] is JsonArray { Count: > 0 } results ? results[0]?["category_scores"] as JsonObject : null;
        if (scores is null)
        {
            return SignalResult.Failed("the answer has no results[0].category_scores.");
        }

        return scores[category] is JsonValue value && value.TryGetValue<double>(out var score)
            ? SignalResult.Number(score, category)
            : SignalResult.Failed($"the answer has no score for '{category}'.");
    }
}
