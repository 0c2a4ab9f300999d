using Coop.Domain.Actions;

namespace Coop.Tests.Unit.Actions;

[Trait("Category", "Unit")]
public sealed class ActionValidationTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ActionDefinitionDetails Details(string url = "https://platform.example/hook", string? body = null, params ActionHeaderInput[] headers) =>
        new("Ban user", null, [], url, headers, body, false);

    [Theory]
    [InlineData("https://platform.example/coop/actions", true)]
    [InlineData("http://127.0.0.1:8080/hook?x=1", true)]
    [InlineData("ftp://platform.example/hook", false)]
    [InlineData("/relative/hook", false)]
    [InlineData("https://user:secret@platform.example/hook", false)]
    [InlineData("", false)]
    public void Callback_urls_are_absolute_http_without_credentials(string url, bool valid) =>
        Assert.Equal(valid, ActionValidation.CallbackUrlError(url) is null);

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("Host", false)]
    [InlineData("content-length", false)]
    [InlineData("Transfer-Encoding", false)]
    [InlineData("Connection", false)]
    [InlineData("Coop-Signature", false)]
    [InlineData("Bad Header", false)]
    public void Hop_by_hop_and_coop_headers_are_refused(string name, bool valid) =>
        Assert.Equal(valid, ActionValidation.HeaderNameError(name) is null);

    [Fact]
    public void Header_values_cannot_smuggle_line_breaks_and_errors_never_quote_them()
    {
        var error = ActionValidation.HeaderValueError("token\r\nX-Evil: 1");

        Assert.NotNull(error);
        Assert.DoesNotContain("token", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"queue\": \"spam\"}", true)]
    [InlineData("", true)]
    [InlineData("[1, 2]", false)]
    [InlineData("{\"queue\": }", false)]
    public void The_custom_body_is_a_json_object(string body, bool valid) =>
        Assert.Equal(valid, ActionValidation.CustomBodyError(body) is null);

    [Fact]
    public void A_saved_header_keeps_its_value_when_the_editor_sends_none_and_a_new_one_needs_a_value()
    {
        var action = ActionDefinition.CreateCustom("org", null, Details(headers: new ActionHeaderInput("Authorization", "Bearer s3cret")), Now);

        Assert.True(action.Update(Details("https://platform.example/v2", null, new ActionHeaderInput("Authorization", null)), Now));
        Assert.Equal("Bearer s3cret", action.Headers.Single().Value);
        Assert.Contains("Headers", ActionDefinition.Validate(ActionType.CustomAction, Details(headers: new ActionHeaderInput("X-New", null)), action).Keys);
        Assert.DoesNotContain("s3cret", action.ToDetails().Headers.Single().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", action.Headers.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_actions_have_deterministic_ids_per_organization_and_no_webhook()
    {
        var first = ActionDefinition.CreateBuiltIns("org-1", Now);
        var again = ActionDefinition.CreateBuiltIns("org-1", Now);
        var other = ActionDefinition.CreateBuiltIns("org-2", Now);

        Assert.Equal(first.Select(a => a.Id), again.Select(a => a.Id));
        Assert.Empty(first.Select(a => a.Id).Intersect(other.Select(a => a.Id)));
        Assert.All(first, a => Assert.True(a.IsBuiltIn));
        Assert.Equal(["ENQUEUE_AUTHOR_TO_MRT", "ENQUEUE_TO_MRT", "ENQUEUE_TO_NCMEC"], first.Select(a => a.ActionType.ToWireName()).Order());
        Assert.Contains("CallbackUrl", ActionDefinition.Validate(ActionType.EnqueueToMrt, Details()).Keys);
    }
}
