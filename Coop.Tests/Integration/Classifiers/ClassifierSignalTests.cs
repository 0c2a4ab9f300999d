using System.Diagnostics;

namespace Coop.Tests.Integration.Classifiers;

/// <summary>The OpenAI-compatible and generic JSON classifier signals against a real fake classifier on loopback.</summary>
[Trait("Category", "Integration")]
public sealed class ClassifierSignalTests
{
    private const string OpenAi = "openai.moderation";
    private const string JsonScore = "http.json-score";

    [Fact]
    public async Task OpenAI_moderation_scores_a_text_for_the_conditions_category()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Words["kill"] = new() { ["violence"] = 0.97, ["violence/graphic"] = 0.4 };
        await s.SaveAsync(OpenAi, new() { ["endpoint"] = s.Classifier.BaseAddress.ToString() }, new() { ["apiKey"] = s.Classifier.ApiKey });

        var violence = await s.RunAsync(OpenAi, "I will kill you", new() { ["category"] = "violence" });
        var hate = await s.RunAsync(OpenAi, "I will kill you", new() { ["category"] = "hate" });

        Assert.Null(violence.Error);
        Assert.Equal((0.97, "violence"), (violence.NumberValue, violence.MatchedValue));
        Assert.Equal(0.01, hate.NumberValue);
        var call = s.Classifier.Calls[0];
        Assert.Equal("/v1/moderations", call.Path);
        Assert.Equal($"Bearer {s.Classifier.ApiKey}", call.Headers["Authorization"]);
        Assert.Equal(("omni-moderation-latest", "I will kill you"), ((string?)call.Json["model"], (string?)call.Json["input"]));
    }

    [Fact]
    public async Task A_wrong_key_or_a_missing_category_fails_clearly_without_the_key_in_the_message()
    {
        await using var s = await ClassifierScenario.StartAsync();
        await s.SaveAsync(OpenAi, new() { ["endpoint"] = s.Classifier.BaseAddress.ToString(), ["model"] = "omni-moderation-latest" },
            new() { ["apiKey"] = "sk-wrong-secret-value" });

        var wrongKey = await s.RunAsync(OpenAi, "hello", new() { ["category"] = "hate" });
        var noCategory = await s.RunAsync(OpenAi, "hello", new() { ["category"] = "spam" });

        Assert.Contains("answered 401", wrongKey.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-secret-value", wrongKey.Error, StringComparison.Ordinal);
        Assert.Contains("choose one of the categories", noCategory.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_scorer_posts_text_item_and_label_with_the_auth_header_and_reads_the_score_path()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Words["buy now"] = new() { ["spam"] = 0.8 };
        s.Classifier.ScorerHeader = ("X-Api-Key", "scorer-secret");
        await s.SaveAsync(JsonScore, new() { ["endpoint"] = s.Classifier.UrlFor("/score").ToString(), ["authHeaderName"] = "X-Api-Key", ["scorePath"] = "result.score" },
            new() { ["authHeaderValue"] = "scorer-secret" });

        var result = await s.RunAsync(JsonScore, "Buy now, cheap!", new() { ["label"] = "spam" }, itemId: "p9", version: "v3");
        var wrongPath = await s.SaveAsync(JsonScore, new() { ["endpoint"] = s.Classifier.UrlFor("/score").ToString(), ["authHeaderName"] = "X-Api-Key", ["scorePath"] = "result.nope" });
        var missing = await s.RunAsync(JsonScore, "Buy now, cheap!", new() { ["label"] = "spam" }, itemId: "p9", version: "v3");

        Assert.Equal(0.8, result.NumberValue);
        Assert.True(wrongPath.Configured);
        Assert.Contains("no number at 'result.nope'", missing.Error, StringComparison.Ordinal);
        var call = s.Classifier.Calls[0];
        Assert.Equal("scorer-secret", call.Headers["X-Api-Key"]);
        Assert.Equal(("Buy now, cheap!", "p9", "post", "v3", "spam"),
            ((string?)call.Json["text"], (string?)call.Json["item"]!["id"], (string?)call.Json["item"]!["typeId"], (string?)call.Json["item"]!["version"], (string?)call.Json["label"]));
    }

    [Fact]
    public async Task A_classifier_slower_than_the_timeout_fails_quickly()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Delay = TimeSpan.FromSeconds(10);
        await s.SaveAsync(JsonScore, new() { ["endpoint"] = s.Classifier.UrlFor("/score").ToString(), ["timeoutSeconds"] = "0.3" });

        var clock = Stopwatch.StartNew();
        var result = await s.RunAsync(JsonScore, "anything");

        Assert.Contains("did not answer within 0.3 s", result.Error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_stops_calling_and_closes_after_the_break()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Failing = true;
        await s.SaveAsync(JsonScore, new() { ["endpoint"] = s.Classifier.UrlFor("/score").ToString(), ["scorePath"] = "result.score" });

        for (var i = 0; i < 3; i++)
        {
            var failed = await s.RunAsync(JsonScore, "text", version: $"v{i}");
            Assert.Contains("answered 500", failed.Error, StringComparison.Ordinal);
        }

        var open = await s.RunAsync(JsonScore, "text", version: "v3");
        var stillOpen = await s.RunAsync(JsonScore, "text", version: "v4");
        Assert.Contains("circuit open", open.Error, StringComparison.Ordinal);
        Assert.Contains("circuit open", stillOpen.Error, StringComparison.Ordinal);
        Assert.Equal(3, s.Classifier.CallCount);

        s.Classifier.Failing = false;
        await Task.Delay(TimeSpan.FromSeconds(1.3), TestContext.Current.CancellationToken);
        var trial = await s.RunAsync(JsonScore, "text", version: "v5");
        var closed = await s.RunAsync(JsonScore, "text", version: "v6");
        Assert.Equal((null, null), (trial.Error, closed.Error));
        Assert.Equal(5, s.Classifier.CallCount);
    }

    [Fact]
    public async Task The_same_item_version_is_scored_once_and_a_new_version_or_new_settings_call_again()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Words["kill"] = new() { ["violence"] = 0.9 };
        await s.SaveAsync(OpenAi, new() { ["endpoint"] = s.Classifier.BaseAddress.ToString() }, new() { ["apiKey"] = s.Classifier.ApiKey });
        var violence = new Dictionary<string, string> { ["category"] = "violence" };

        var first = await s.RunAsync(OpenAi, "kill", violence, version: "v1");
        var again = await s.RunAsync(OpenAi, "kill", violence, version: "v1");
        Assert.Equal(1, s.Classifier.CallCount);
        Assert.Equal(first.NumberValue, again.NumberValue);

        await s.RunAsync(OpenAi, "kill", violence, version: "v2");
        Assert.Equal(2, s.Classifier.CallCount);

        await s.SaveAsync(OpenAi, new() { ["endpoint"] = s.Classifier.BaseAddress.ToString(), ["timeoutSeconds"] = "4" });
        await s.RunAsync(OpenAi, "kill", violence, version: "v2");
        Assert.Equal(3, s.Classifier.CallCount);
    }

    [Fact]
    public async Task Without_settings_the_signal_is_not_configured_and_nothing_is_called()
    {
        await using var s = await ClassifierScenario.StartAsync();

        var openAi = await s.RunAsync(OpenAi, "kill", new() { ["category"] = "violence" });
        var scorer = await s.RunAsync(JsonScore, "kill");

        Assert.Contains("is not configured for this organization", openAi.Error, StringComparison.Ordinal);
        Assert.Contains("is not configured for this organization", scorer.Error, StringComparison.Ordinal);
        Assert.Equal(0, s.Classifier.CallCount);
        Assert.All(await s.ListAsync(), i => Assert.False(i.Configured));
    }

    [Fact]
    public async Task The_test_use_case_scores_a_sample_with_the_saved_settings()
    {
        await using var s = await ClassifierScenario.StartAsync();
        s.Classifier.Words["idiot"] = new() { ["harassment"] = 0.88 };
        await s.SaveAsync(OpenAi, new() { ["endpoint"] = s.Classifier.BaseAddress.ToString() }, new() { ["apiKey"] = s.Classifier.ApiKey });

        var outcome = await s.TestAsync(OpenAi, "you idiot", new() { ["category"] = "harassment" });
        var twice = await s.TestAsync(OpenAi, "you idiot", new() { ["category"] = "harassment" });

        Assert.Equal((true, "0.88"), (outcome.Succeeded, outcome.Score));
        Assert.True(twice.Succeeded);
        Assert.Equal(2, s.Classifier.CallCount);
    }
}
