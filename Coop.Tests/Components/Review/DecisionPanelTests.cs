using Bunit;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Policies;
using Coop.Web.Features.Review.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Components.Review;

[Trait("Category", "Component")]
public sealed class DecisionPanelTests : CoopComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private readonly RecordingSubmit submit = new();

    public DecisionPanelTests()
    {
        SignInWith(Permissions.ViewMrt);
        Services.AddSingleton<ICommandHandler<SubmitDecisionCommand, DecisionOutcome>>(submit);
    }

    private static DecisionOptions Options(bool isAppeal = false, bool requireReasonOnAction = false) => new(
        "job-1", true, isAppeal,
        [
            new ActionView("ban", "Ban", null, ActionType.CustomAction, [], [], "https://p.example/ban", [], null, true, Now,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true)]),
            new ActionView("warn", "Warn", null, ActionType.CustomAction, [], [], "https://p.example/warn", [], null, false, Now),
        ],
        [new PolicyView("spam", "Spam", null, null, "Remove ads.", Penalty.Low, 1, false, null, Now)],
        [new MoveTarget("q2", "Escalations", QueueKind.Standard)],
        false, false, requireReasonOnAction, false, true);

    [Fact]
    public void An_action_decision_sends_the_chosen_actions_with_their_parameters_policies_and_reason()
    {
        DecisionOutcome? decided = null;
        var cut = Render<DecisionPanel>(p => p.Add(x => x.Options, Options()).Add(x => x.OnDecided, o => decided = o));

        cut.Find("[data-testid=decision-mode-action]").Click();
        cut.Find("input[data-testid=decision-action-ban]").Change(true);
        cut.Find("input[data-testid=run-param-days]").Change("7");
        cut.Find("textarea[data-testid=decision-reason]").Input("spam ring");
        cut.Find("[data-testid=decision-submit]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(decided));
        var command = Assert.Single(submit.Commands);
        Assert.Equal((DecisionKind.Action, "job-1", "spam ring"), (command.Kind, command.JobId, command.Reason));
        var action = Assert.Single(command.Actions!);
        Assert.Equal(("ban", """{"days":7}"""), (action.ActionId, action.Parameters!.ToJsonString()));
        Assert.Empty(cut.FindAll("[data-testid=decision-actions]"));
    }

    [Fact]
    public void The_servers_field_errors_are_shown_where_they_belong_and_the_choices_stay()
    {
        submit.Refuse = new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["reason"] = ["Your organization asks for a reason with this decision."],
            ["policyIds"] = ["Your organization asks for a policy with every action."],
            ["actions/0/parameters/days"] = ["Ban: A value is required."],
        });
        var cut = Render<DecisionPanel>(p => p.Add(x => x.Options, Options(requireReasonOnAction: true)));

        cut.Find("[data-testid=decision-mode-action]").Click();
        cut.Find("input[data-testid=decision-action-ban]").Change(true);
        cut.Find("[data-testid=decision-submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("asks for a reason", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("asks for a policy", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("Ban: A value is required.", cut.Markup, StringComparison.Ordinal);
        });
        Assert.NotNull(cut.Find("[data-testid=decision-actions]"));
        Assert.Contains("Reason *", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_appeal_job_offers_accept_and_reject_instead_of_ignore_and_actions()
    {
        var cut = Render<DecisionPanel>(p => p.Add(x => x.Options, Options(isAppeal: true)));

        Assert.Empty(cut.FindAll("[data-testid=decision-ignore]"));
        Assert.Empty(cut.FindAll("[data-testid=decision-mode-action]"));
        cut.Find("[data-testid=decision-reject-appeal]").Click();

        cut.WaitForAssertion(() => Assert.Equal(DecisionKind.RejectAppeal, Assert.Single(submit.Commands).Kind));
    }

    private sealed class RecordingSubmit : ICommandHandler<SubmitDecisionCommand, DecisionOutcome>
    {
        public List<SubmitDecisionCommand> Commands { get; } = [];

        public ValidationFailedException? Refuse { get; set; }

        public Task<DecisionOutcome> HandleAsync(SubmitDecisionCommand command, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            return Refuse is { } refusal ? Task.FromException<DecisionOutcome>(refusal) : Task.FromResult(new DecisionOutcome(command.JobId, command.Kind, [], null));
        }
    }
}
