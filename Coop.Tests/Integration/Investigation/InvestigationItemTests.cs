using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Investigation.Items;

namespace Coop.Tests.Integration.Investigation;

/// <summary>The item page's query: versions, reports, jobs, decisions, actions with their delivery, strikes and appeals.</summary>
[Trait("Category", "Integration")]
public sealed class InvestigationItemTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private const string Moderator = "mod@acme.test";

    private static readonly Dictionary<string, string?> FastWebhooks = new()
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Webhooks:BackoffBase"] = "00:00:00.100",
        ["Webhooks:PollInterval"] = "00:00:00.250",
    };

    private static Task<InvestigationItem> GetAsync(ApiFixture fixture, string typeId, string itemId, string user = Moderator) =>
        fixture.App.AsUserAsync(user, s => s.AskAsync<GetInvestigationItemQuery, InvestigationItem>(new GetInvestigationItemQuery(typeId, itemId)));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_items_page_has_its_versions_newest_first_reports_jobs_decisions_and_actions_with_their_delivery(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        var jobId = await InvestigationScenario.ReportAndRemoveAsync(fixture.App, fixture.OrganizationId, fixture.Client, receiver, Moderator);

        var item = await GetAsync(fixture, "post", "p1");

        Assert.Equal(("Post", "u1", "user"), (item.TypeName, item.Creator?.Id, item.Creator?.TypeId));
        Assert.Equal(2, item.VersionCount);
        Assert.Equal([InvestigationScenario.EditedText, "first words"], item.Versions.Select(v => v.Display.Fields.Single(f => f.Name == "text").Value!.GetValue<string>()));
        Assert.Equal(["report", "items"], item.Versions.Select(v => v.Source));
        var report = Assert.Single(item.Reports);
        Assert.Equal(("u9", "Spam", "ads everywhere", jobId), (report.ReporterId, report.PolicyName, report.Reason, report.JobId));
        var job = Assert.Single(item.Jobs);
        Assert.Equal((jobId, JobStatus.Closed), (job.Id, job.Status));
        var decision = Assert.Single(item.Decisions);
        Assert.Equal((DecisionKind.Action, Moderator, "Remove", "Spam", "selling gift cards"),
            (decision.Kind, decision.Reviewer, Assert.Single(decision.Actions), Assert.Single(decision.Policies), decision.Reason));
        var execution = Assert.Single(item.Executions);
        Assert.Equal(("Remove", ActionExecutionSource.ReviewDecision, Moderator, "Spam", jobId),
            (execution.ActionName, execution.Source, execution.Actor, Assert.Single(execution.Policies), execution.JobId));
        Assert.Equal((OutboxStatus.Delivered, 1, 200), (execution.Delivery!.Status, execution.Delivery.Attempts, execution.Delivery.LastStatusCode));
        var strike = Assert.Single(item.Strikes);
        Assert.Equal(("u1", "Spam", 2, false), (strike.UserItemId, strike.PolicyName, strike.Weight, strike.Removed));
        Assert.Empty(item.Appeals);
    }

    [Fact]
    public async Task Appeals_show_on_the_item_and_another_organization_sees_nothing_of_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, FastWebhooks);
        await InvestigationScenario.ReportAndRemoveAsync(fixture.App, fixture.OrganizationId, fixture.Client, receiver, Moderator);
        var other = await OrganizationBuilder.CreateAsync(fixture.App, "Other", DefaultRoles.Moderator);
        await using (var db = await fixture.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Set<Coop.Domain.Reports.Appeal>().Add(Coop.Domain.Reports.Appeal.Receive(fixture.OrganizationId, "appeal-1", new("u1", "user"), now,
                new("p1", "post"), """["remove"]""", "<i>it was a joke</i>", "[]", null, now, []));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var item = await GetAsync(fixture, "post", "p1");
        var outsider = await GetAsync(fixture, "post", "p1", OrganizationBuilder.EmailFor("Other", DefaultRoles.Moderator));

        var appeal = Assert.Single(item.Appeals);
        Assert.Equal(("appeal-1", "u1", "Remove", "<i>it was a joke</i>"), (appeal.AppealId, appeal.AppealedById, Assert.Single(appeal.Actions), appeal.Reason));
        Assert.NotEqual(other, fixture.OrganizationId);
        Assert.False(outsider.Stored);
        Assert.Empty(outsider.Reports);
        Assert.Empty(outsider.Jobs);
        Assert.Empty(outsider.Executions);
        Assert.Empty(outsider.Appeals);
    }

    [Fact]
    public async Task Child_safety_review_is_hidden_from_the_item_page_without_child_safety_access()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Moderator, DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "cs@acme.test", DefaultRoles.ChildSafetyModerator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = await fixture.ContextAsync())
        {
            var standard = ReviewQueue.Create(fixture.OrganizationId, "Standard review", null, QueueKind.Standard, QueueOrdering.Age, false, now);
            var ncmec = ReviewQueue.Create(fixture.OrganizationId, "Child safety review", null, QueueKind.Ncmec, QueueOrdering.Age, false, now);
            db.ReviewQueues.AddRange(standard, ncmec);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await InvestigationSeed.ItemAsync(db, fixture.OrganizationId, "post", "n1", now, """{"text":"x"}""");
            await InvestigationSeed.ItemAsync(db, fixture.OrganizationId, "post", "m1", now, """{"text":"y"}""");
            await InvestigationSeed.JobAsync(db, ncmec, "post", "n1", now, "someone");
            var hiddenJob = await InvestigationSeed.JobAsync(db, ncmec, "post", "m1", now, "someone");
            await InvestigationSeed.JobAsync(db, standard, "post", "m1", now, "someone");
            db.ActionExecutions.Add(InvestigationSeed.Execution(fixture.OrganizationId, "remove", "post", "m1", now, jobId: hiddenJob.Id));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => GetAsync(fixture, "post", "n1"));
        Assert.Single((await GetAsync(fixture, "post", "n1", "cs@acme.test")).Jobs);
        var mixed = await GetAsync(fixture, "post", "m1");
        Assert.Equal(["Standard review"], mixed.Jobs.Select(j => j.QueueName));
        Assert.Single(mixed.Decisions);
        Assert.Empty(mixed.Executions);
        var all = await GetAsync(fixture, "post", "m1", "cs@acme.test");
        Assert.Equal((2, 2, 1), (all.Jobs.Count, all.Decisions.Count, all.Executions.Count));
    }

    [Fact]
    public async Task An_item_coop_never_stored_is_empty_and_fetching_it_without_a_partial_items_endpoint_says_why()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Moderator, DefaultRoles.Moderator);

        var item = await GetAsync(fixture, "post", "never-sent");
        var fetched = await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<FetchMissingItemCommand, FetchMissingItemResult>(new FetchMissingItemCommand("post", "never-sent")));

        Assert.False(item.Stored);
        Assert.Equal(0, item.VersionCount);
        Assert.False(fetched.Found);
        Assert.False(string.IsNullOrWhiteSpace(fetched.Error));
    }
}
