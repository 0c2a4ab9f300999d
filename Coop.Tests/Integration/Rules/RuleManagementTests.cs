using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Management;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

[Trait("Category", "Integration")]
public sealed class RuleManagementTests
{
    private static readonly string Admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
    private const string Analyst = "analyst@acme.example";

    private static Condition Nested => new ConditionSet(Conjunction.And,
    [
        new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["buy now"]),
        new ConditionSet(Conjunction.Or,
        [
            new LeafCondition(ConditionInput.ItemField, Comparator.GreaterOrEqual, ["10"], "score"),
            new ConditionSet(Conjunction.Not, [new LeafCondition(ConditionInput.AuthorAccountAgeDays, Comparator.GreaterThan, ["30"])]),
        ]),
    ]);

    private static RuleInput Spam(RuleStatus status = RuleStatus.Draft) => RuleInput.Empty with
    {
        Name = "Spam links", Description = "Links to shops", Status = status, ItemTypeIds = ["post"], Condition = Nested, Tags = ["spam"],
    };

    [Fact]
    public async Task Creating_and_updating_a_rule_versions_it_audits_it_and_publishes_on_the_rules_topic()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await fixture.AddActionAsync("delete-post", "Delete post");
        await fixture.AddPolicyAsync("spam", "Spam");
        var events = new List<LiveEvent>();
        using var subscription = fixture.App.Services.GetRequiredService<ILiveEvents>().Subscribe(LiveTopics.Rules(fixture.OrganizationId), e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        });

        var created = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(Spam())));
        Assert.Equal((1, true), (created.Version, created.Changed));

        var details = await fixture.App.AsUserAsync(Admin, s => s.AskAsync<GetRuleQuery, RuleDetails?>(new GetRuleQuery(created.Id)));
        Assert.NotNull(details);
        Assert.Equal(ConditionEvaluator.Serialize(Nested), ConditionEvaluator.Serialize(details.Rule.Condition));

        // Saving what was loaded changes nothing: same version, no new version row.
        var same = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<UpdateRuleCommand, RuleSaved>(new UpdateRuleCommand(created.Id, 1, details.Rule)));
        Assert.Equal((1, false), (same.Version, same.Changed));

        var live = details.Rule with
        {
            Status = RuleStatus.Live, ActionIds = ["delete-post"], PolicyIds = ["spam"], MaxDailyActions = 100,
            ActionParameters = new Dictionary<string, JsonObject?> { ["delete-post"] = null },
        };
        var updated = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<UpdateRuleCommand, RuleSaved>(new UpdateRuleCommand(created.Id, 1, live)));
        Assert.Equal((2, true), (updated.Version, updated.Changed));

        // An editor that loaded version 1 cannot overwrite version 2.
        var stale = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.SendAsync<UpdateRuleCommand, RuleSaved>(
            new UpdateRuleCommand(created.Id, 1, details.Rule with { Description = "mine" }))));
        Assert.Equal(["Version"], stale.Errors.Keys);
        Assert.Contains("version 2", stale.Errors["Version"][0], StringComparison.Ordinal);

        var archived = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<SetRuleStatusCommand, RuleSaved>(new SetRuleStatusCommand(created.Id, RuleStatus.Archived, 2)));
        Assert.Equal(3, archived.Version);

        var history = await fixture.App.AsUserAsync(Admin, s => s.AskAsync<GetRuleQuery, RuleDetails?>(new GetRuleQuery(created.Id)));
        Assert.Equal([3, 2, 1], history!.Versions.Select(v => v.Version));
        Assert.Equal([RuleStatus.Archived, RuleStatus.Live, RuleStatus.Draft], history.Versions.Select(v => v.Status));
        Assert.All(history.Versions, v => Assert.Equal(Admin, v.ChangedBy));
        var second = await fixture.App.AsUserAsync(Admin, s => s.AskAsync<GetRuleVersionQuery, RuleVersionDetails?>(new GetRuleVersionQuery(created.Id, 2)));
        Assert.Equal((RuleStatus.Live, "delete-post"), (second!.Rule.Status, second.Rule.ActionIds.Single()));

        await using var db = await fixture.ContextAsync();
        var audit = await db.AuditEntries.Where(a => a.TargetId == created.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["rule.created", "rule.status-changed", "rule.status-changed"], audit.Order(StringComparer.Ordinal));
        lock (events)
        {
            Assert.Equal(3, events.Count(e => e.Kind == LiveEventKinds.RuleChanged && e.EntityId == created.Id));
        }

        var list = await fixture.App.AsUserAsync(Admin, s => s.AskAsync<ListRulesQuery, IReadOnlyList<RuleSummary>>(new ListRulesQuery(RuleStatus.Archived, "shop")));
        Assert.Equal(["Spam links"], list.Select(r => r.Name));
        Assert.Equal(["Delete post"], list[0].ActionNames);
        Assert.Empty(await fixture.App.AsUserAsync(Admin, s => s.AskAsync<ListRulesQuery, IReadOnlyList<RuleSummary>>(new ListRulesQuery(RuleStatus.Live))));

        Assert.True(await fixture.App.AsUserAsync(Admin, s => s.SendAsync<DeleteRuleCommand, bool>(new DeleteRuleCommand(created.Id))));
        Assert.Null(await fixture.App.AsUserAsync(Admin, s => s.AskAsync<GetRuleQuery, RuleDetails?>(new GetRuleQuery(created.Id))));
    }

    [Fact]
    public async Task A_user_with_only_the_draft_permission_cannot_make_a_rule_live_or_touch_a_live_one()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Analyst, DefaultRoles.Analyst);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Analyst, s => s.SendAsync<CreateRuleCommand, RuleSaved>(
            new CreateRuleCommand(Spam(RuleStatus.Live)))));
        var draft = await fixture.App.AsUserAsync(Analyst, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(Spam(RuleStatus.Background))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Analyst, s => s.SendAsync<SetRuleStatusCommand, RuleSaved>(
            new SetRuleStatusCommand(draft.Id, RuleStatus.Live))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Analyst, s => s.SendAsync<UpdateRuleCommand, RuleSaved>(
            new UpdateRuleCommand(draft.Id, 1, Spam(RuleStatus.Live)))));

        var live = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<SetRuleStatusCommand, RuleSaved>(new SetRuleStatusCommand(draft.Id, RuleStatus.Live)));
        Assert.Equal(2, live.Version);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Analyst, s => s.SendAsync<UpdateRuleCommand, RuleSaved>(
            new UpdateRuleCommand(draft.Id, 2, Spam(RuleStatus.Draft)))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Analyst, s => s.SendAsync<SetRuleStatusCommand, RuleSaved>(
            new SetRuleStatusCommand(draft.Id, RuleStatus.Draft))));

        await using var db = await fixture.ContextAsync();
        Assert.Equal(RuleStatus.Live, (await db.Rules.SingleAsync(r => r.Id == draft.Id, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(2, await db.RuleVersions.CountAsync(v => v.RuleId == draft.Id, TestContext.Current.CancellationToken));

        // A moderator sees rules but cannot change them at all.
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "mod@acme.example", DefaultRoles.Moderator);
        Assert.Single(await fixture.App.AsUserAsync("mod@acme.example", s => s.AskAsync<ListRulesQuery, IReadOnlyList<RuleSummary>>(new ListRulesQuery())));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync("mod@acme.example", s => s.SendAsync<CreateRuleCommand, RuleSaved>(
            new CreateRuleCommand(Spam() with { Name = "Other" }))));
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_an_error_at_each_field_path()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(Spam())));

        var bad = Spam() with
        {
            Name = "SPAM LINKS",
            ItemTypeIds = ["post", "nope"],
            Condition = new ConditionSet(Conjunction.And,
            [
                new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["ok"]),
                new ConditionSet(Conjunction.Or,
                [
                    new LeafCondition(ConditionInput.AllText, Comparator.MatchesRegex, ["(unclosed"]),
                    new LeafCondition(ConditionInput.ItemField, Comparator.Equals, ["x"], "colour"),
                ]),
                new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["x"], null, new SignalCall("no.such.signal")),
            ]),
            ActionIds = ["missing-action"],
            PolicyIds = ["missing-policy"],
            EnqueueQueueId = "missing-queue",
            MaxDailyActions = 0,
        };
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(bad))));

        Assert.Equal(
            ["ActionIds", "Condition/1/0", "Condition/1/1", "Condition/2/signal", "EnqueueQueueId", "ItemTypeIds", "MaxDailyActions", "Name", "PolicyIds"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("already named", refused.Errors["Name"][0], StringComparison.Ordinal);
        Assert.Contains("regular expression", refused.Errors["Condition/1/0"][0], StringComparison.Ordinal);
        Assert.Contains("colour", refused.Errors["Condition/1/1"][0], StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(
            new CreateRuleCommand(Spam() with { Name = "Everything", Condition = new ConditionSet(Conjunction.And, []) }))));
        Assert.Equal(["Condition"], empty.Errors.Keys);
    }

    [Fact]
    public async Task Action_parameter_values_are_checked_against_the_action()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await fixture.AddActionAsync("delete-post", "Delete post");
        var input = Spam() with
        {
            ActionIds = ["delete-post"],
            ActionParameters = new Dictionary<string, JsonObject?> { ["delete-post"] = new JsonObject { ["reason"] = "spam" } },
        };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(input))));

        Assert.Equal(["ActionParameters/delete-post/reason"], refused.Errors.Keys);
    }
}
