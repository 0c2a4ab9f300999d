using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Review;

/// <summary>Decisions on review jobs: one transaction for closure, decision, actions and callbacks; refused unless the reviewer holds the job.</summary>
[Trait("Category", "Integration")]
public sealed class DecisionTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string?> FastWebhooks = new()
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Webhooks:BackoffBase"] = "00:00:00.100",
        ["Webhooks:PollInterval"] = "00:00:00.250",
    };

    private sealed record Setup(ApiFixture Fixture, string Moderator, string ModeratorId, ReviewQueue Queue, ReviewQueue Other);

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider, WebhookReceiver? receiver = null)
    {
        var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        var moderator = "mod@acme.test";
        var moderatorId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, moderator, DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var other = ReviewQueue.Create(fixture.OrganizationId, "Escalations", null, QueueKind.Standard, QueueOrdering.Priority, false, now);
        await using var db = await fixture.ContextAsync();
        db.ReviewQueues.AddRange(queue, other);
        db.Policies.Add(Policy.Create(fixture.OrganizationId, "spam", new PolicyDetails("Spam", null, null, null, Penalty.High, 2, false), now));
        db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails(
            "Remove", null, ["post"], (receiver?.UrlFor("/remove") ?? new Uri("https://platform.example/remove")).ToString(), [], null, ApplyUserStrikes: true,
            [new ActionParameter("notify", "Notify", ActionParameterType.Boolean, Required: true)]), now));
        await db.SaveChangesAsync();
        if (receiver is not null)
        {
            receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        }

        return new Setup(fixture, moderator, moderatorId, queue, other);
    }

    private static async Task<ReviewJob> OpenJobAsync(Setup setup, string? claimedBy, string itemId = "p1", string? appealId = null)
    {
        await using var db = await setup.Fixture.ContextAsync();
        var job = ReviewJob.Open(setup.Fixture.OrganizationId, setup.Queue.Id, "post", itemId, appealId is null ? JobSource.Report : JobSource.Appeal,
            TimeProvider.System.GetUtcNow().UtcDateTime, appealId: appealId);
        db.ReviewJobs.Add(job);
        await db.SaveChangesAsync();
        if (claimedBy is not null)
        {
            var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10);
            await db.ReviewJobs.Where(j => j.Id == job.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, claimedBy).SetProperty(j => j.ClaimExpiresAt, until));
        }

        return job;
    }

    private static Task<DecisionOutcome> DecideAsync(Setup setup, SubmitDecisionCommand command) =>
        setup.Fixture.App.AsUserAsync(setup.Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(command));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_action_decision_closes_the_job_records_it_and_the_platform_receives_the_signed_callback(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var setup = await SetUpAsync(provider, receiver);
        await using var fixture = setup.Fixture;
        var job = await OpenJobAsync(setup, setup.ModeratorId);

        var outcome = await DecideAsync(setup, new SubmitDecisionCommand(job.Id, DecisionKind.Action,
            [new DecisionActionInput("remove", new JsonObject { ["notify"] = true })], ["spam"], "selling gift cards"));

        var body = JsonNode.Parse(Assert.Single(await receiver.WaitForAsync(1)).Body)!.AsObject();
        Assert.Equal(setup.Moderator, (string)body["actorEmail"]!);
        Assert.Equal("selling gift cards", (string)body["decisionReason"]!);
        Assert.Equal("""{"notify":true,"reason":"selling gift cards"}""", body["custom"]!.ToJsonString());
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"HIGH"}]""", body["policies"]!.ToJsonString());
        await using var db = await fixture.ContextAsync();
        var closed = await db.ReviewJobs.SingleAsync(j => j.Id == job.Id, TestContext.Current.CancellationToken);
        Assert.Equal((JobStatus.Closed, null, setup.ModeratorId), (closed.Status, closed.OpenItemKey, closed.ClosedByUserId));
        var decision = await db.ReviewDecisions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((DecisionKind.Action, "[\"remove\"]", "[\"spam\"]", "selling gift cards"), (decision.Kind, decision.ActionIds, decision.PolicyIds, decision.Reason));
        var execution = await db.ActionExecutions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((job.Id, ActionExecutionSource.ReviewDecision), (execution.JobId, execution.Source));
        Assert.Equal([execution.Id], outcome.ExecutionIds);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "job.decided" && a.TargetId == job.Id, TestContext.Current.CancellationToken));

        var recent = await fixture.App.AsUserAsync(setup.Moderator, s => s.AskAsync<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>(new ListRecentDecisionsQuery()));
        var row = Assert.Single(recent);
        Assert.Equal((job.Id, "Default", setup.Moderator, "Remove", "Spam"), (row.JobId, row.QueueName, row.Reviewer, Assert.Single(row.Actions), Assert.Single(row.Policies)));
    }

    [Fact]
    public async Task A_decision_is_refused_and_nothing_is_stored_unless_the_reviewer_holds_the_open_job()
    {
        var setup = await SetUpAsync(DatabaseProvider.Sqlite);
        await using var fixture = setup.Fixture;
        var unclaimed = await OpenJobAsync(setup, null, "p1");
        var someoneElses = await OpenJobAsync(setup, "another-user", "p2");
        var mine = await OpenJobAsync(setup, setup.ModeratorId, "p3");

        var notHeld = await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup, new SubmitDecisionCommand(unclaimed.Id, DecisionKind.Ignore)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup, new SubmitDecisionCommand(someoneElses.Id, DecisionKind.Ignore)));
        await DecideAsync(setup, new SubmitDecisionCommand(mine.Id, DecisionKind.Ignore));
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup, new SubmitDecisionCommand(mine.Id, DecisionKind.Ignore)));

        Assert.Contains("no longer hold", notHeld.Message, StringComparison.Ordinal);
        Assert.Contains("already been decided", twice.Message, StringComparison.Ordinal);
        await using var db = await fixture.ContextAsync();
        Assert.Equal([mine.Id], await db.ReviewDecisions.Select(d => d.JobId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.ReviewJobs.CountAsync(j => j.Status == JobStatus.Open, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_organizations_decision_rules_and_the_actions_parameters_are_enforced_with_field_errors()
    {
        var setup = await SetUpAsync(DatabaseProvider.Sqlite);
        await using var fixture = setup.Fixture;
        await using (var db = await fixture.ContextAsync())
        {
            var settings = ReviewSettings.DefaultsFor(fixture.OrganizationId);
            settings.SetDecisionRules(requirePolicy: true, requireReasonOnAction: true, requireReasonOnIgnore: false, allowMultiplePolicies: false, hideSkipForNonAdmins: false);
            db.ReviewSettings.Add(settings);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var job = await OpenJobAsync(setup, setup.ModeratorId);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup,
            new SubmitDecisionCommand(job.Id, DecisionKind.Action, [new DecisionActionInput("remove")], [])));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup,
            new SubmitDecisionCommand(job.Id, DecisionKind.Action, [new DecisionActionInput("nope")], ["spam", "gone"], "reason")));

        Assert.Equal(["actions/0/parameters/notify", "policyIds", "reason"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["actions", "policyIds"], unknown.Errors.Keys.Order(StringComparer.Ordinal));
        await DecideAsync(setup, new SubmitDecisionCommand(job.Id, DecisionKind.Ignore));
    }

    [Fact]
    public async Task Move_sends_the_item_to_another_queue_and_an_ignore_tells_the_platform_with_the_items_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var setup = await SetUpAsync(DatabaseProvider.Sqlite, receiver);
        await using var fixture = setup.Fixture;
        await using (var db = await fixture.ContextAsync())
        {
            var settings = ReviewSettings.DefaultsFor(fixture.OrganizationId);
            settings.SetCallbacks(receiver.UrlFor("/ignored").ToString(), null);
            db.ReviewSettings.Add(settings);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "p1", "typeId": "post", "data": { "text": "fine really" } } ] }"""))
        {
            Assert.True(submit.IsSuccessStatusCode);
        }

        var job = await OpenJobAsync(setup, setup.ModeratorId);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup,
            new SubmitDecisionCommand(job.Id, DecisionKind.Move, TargetQueueId: setup.Queue.Id)));
        Assert.Equal(["targetQueueId"], refused.Errors.Keys);

        var moved = await DecideAsync(setup, new SubmitDecisionCommand(job.Id, DecisionKind.Move, TargetQueueId: setup.Other.Id, Reason: "needs a senior"));

        await using (var db = await fixture.ContextAsync())
        {
            var target = await db.ReviewJobs.SingleAsync(j => j.Id == moved.TargetJobId, TestContext.Current.CancellationToken);
            Assert.Equal((setup.Other.Id, JobStatus.Open, JobSource.Moved), (target.QueueId, target.Status, target.Source));
            await db.ReviewJobs.Where(j => j.Id == target.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ClaimedByUserId, setup.ModeratorId).SetProperty(j => j.ClaimExpiresAt, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5)), TestContext.Current.CancellationToken);
        }

        await fixture.WaitForItemAsync("p1");
        await DecideAsync(setup, new SubmitDecisionCommand(moved.TargetJobId!, DecisionKind.Ignore));

        var ignored = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("/ignored", ignored.Path);
        Assert.True(ignored.SignatureValid);
        Assert.Equal("""{"id":"p1","typeId":"post","data":{"text":"fine really"}}""", System.Text.Encoding.UTF8.GetString(ignored.Body));
    }

    [Fact]
    public async Task Accepting_an_appeal_tells_the_platform_ACCEPT_and_a_plain_job_cannot_be_accepted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var setup = await SetUpAsync(DatabaseProvider.Sqlite, receiver);
        await using var fixture = setup.Fixture;
        await using (var db = await fixture.ContextAsync())
        {
            var settings = ReviewSettings.DefaultsFor(fixture.OrganizationId);
            settings.SetCallbacks(null, receiver.UrlFor("/appeals").ToString(), [new ActionHeaderInput("X-Token", "t0ken")]);
            settings.SetAppeals(true, new Dictionary<string, string> { ["remove"] = "restore" });
            db.ReviewSettings.Add(settings);
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "restore", new ActionDefinitionDetails(
                "Restore", null, ["post"], receiver.UrlFor("/restore").ToString(), [], null, ApplyUserStrikes: true), TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var appealed = await fixture.Client.PostAsync("/api/v1/report/appeal", """
            { "appealId": "a-1", "appealedBy": { "id": "u1", "typeId": "user" }, "appealedAt": "2026-11-24T10:00:00Z",
              "actionedItem": { "id": "p1", "typeId": "post", "data": { "text": "it was a joke", "author": { "id": "u1", "typeId": "user" } } }, "actionsTaken": ["remove"] }
            """))
        {
            Assert.True(appealed.IsSuccessStatusCode);
        }

        await fixture.WaitForItemAsync("p1");
        using (var removed = await fixture.Client.PostAsync("/api/v1/actions", """{ "actionId": "remove", "itemId": "p1", "itemTypeId": "post", "policyIds": ["spam"], "parameters": { "notify": false } }"""))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }

        Assert.Equal(3, await ScoreAsync(fixture, "u1"));
        await receiver.WaitForAsync(1);

        string appealId;
        await using (var db = await fixture.ContextAsync())
        {
            appealId = (await db.Set<Appeal>().SingleAsync(TestContext.Current.CancellationToken)).Id;
        }

        var plain = await OpenJobAsync(setup, setup.ModeratorId, "p9");
        await Assert.ThrowsAsync<ValidationFailedException>(() => DecideAsync(setup, new SubmitDecisionCommand(plain.Id, DecisionKind.AcceptAppeal)));
        var job = await OpenJobAsync(setup, setup.ModeratorId, "p1", appealId);

        await DecideAsync(setup, new SubmitDecisionCommand(job.Id, DecisionKind.AcceptAppeal));

        var calls = await receiver.WaitForAsync(3);
        var call = calls.Single(r => r.Path == "/appeals");
        var restore = JsonNode.Parse(calls.Single(r => r.Path == "/restore").Body)!;
        Assert.Equal(("p1", "[]", setup.Moderator), ((string)restore["item"]!["id"]!, restore["policies"]!.ToJsonString(), (string?)restore["actorEmail"]));
        Assert.Equal("t0ken", call.Headers["X-Token"]);
        Assert.Equal(5, await ScoreAsync(fixture, "u1"));
        Assert.Equal("""{"appealId":"a-1","item":{"id":"p1","typeId":"post"},"appealedBy":{"id":"u1","typeId":"user"},"appealDecision":"ACCEPT"}""",
            System.Text.Encoding.UTF8.GetString(call.Body));
    }

    private static async Task<int> ScoreAsync(ApiFixture fixture, string userId)
    {
        using var response = await fixture.Client.GetAsync($"/api/v1/user_scores?id={userId}&typeId=user");
        return int.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
