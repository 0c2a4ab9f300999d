using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Configuration;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Policies;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Configuration;

/// <summary>Review queues and routing rules in configuration files: round trips between installs, validation with pointers, idempotency, default queues.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigQueueImportTests
{
    private const string Everything = """{ "type": "set", "conjunction": "And", "conditions": [] }""";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Queues_and_routing_rules_move_between_installs_with_their_ids_and_export_back_to_the_same_file(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var stagingDatabase = await TestDatabase.CreateAsync(provider);
        await using var productionDatabase = await TestDatabase.CreateAsync(provider);
        await using var staging = new CoopAppFactory(stagingDatabase.Settings());
        await using var production = new CoopAppFactory(productionDatabase.Settings());
        await staging.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        await production.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        await OrganizationBuilder.CreateAsync(staging, "Staging", DefaultRoles.Admin, DefaultRoles.Moderator);
        var productionId = await OrganizationBuilder.CreateAsync(production, "Production", DefaultRoles.Admin);
        var reviewer = OrganizationBuilder.EmailFor("Staging", DefaultRoles.Moderator);
        var productionReviewer = await OrganizationBuilder.AddUserAsync(production, productionId, reviewer, DefaultRoles.Moderator);

        var source = await SetUpStagingAsync(staging, reviewer);
        var file = Serialize(await ExportAsync(staging, "Staging"));

        var first = await ImportAsync(production, file, "Production");
        Assert.Equal(new ImportCounts(1, 0, 1), first.ItemTypes);
        Assert.Equal(new ImportCounts(1, 0, 0), first.Policies);
        Assert.Equal(new ImportCounts(1, 0, 3), first.Actions);
        Assert.Equal(new ImportCounts(2, 1, 2), first.Queues); // Escalations and the threats appeals queue; the default Reports queue's ordering
        Assert.Equal(new ImportCounts(3, 0, 0), first.RoutingRules);
        Assert.EndsWith("queues 2 created, 1 updated, 2 unchanged; routing rules 3 created, 0 updated, 0 unchanged",
            ImportConfigurationHandler.Describe(first), StringComparison.Ordinal);

        var second = await ImportAsync(production, file, "Production");
        Assert.True(second.ChangedNothing);
        Assert.Equal(new ImportCounts(0, 0, 5), second.Queues);
        Assert.Equal(new ImportCounts(0, 0, 3), second.RoutingRules);

        await using var db = await production.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var queues = await db.ReviewQueues.Where(q => q.OrganizationId == productionId).ToDictionaryAsync(q => q.Id, TestContext.Current.CancellationToken);
        Assert.Equal(5, queues.Count);
        var reports = Assert.Single(queues.Values, q => q.Kind == QueueKind.Standard && q.IsDefault);
        Assert.NotEqual(source.ReportsQueueId, reports.Id);
        Assert.Equal(QueueOrdering.Age, reports.Ordering);
        Assert.Single(queues.Values, q => q.Kind == QueueKind.Appeals && q.IsDefault);
        Assert.Single(queues.Values, q => q.Kind == QueueKind.Ncmec);
        var escalations = queues[source.EscalationsId];
        Assert.Equal(("Escalations", "Hard cases", QueueOrdering.Priority, false), (escalations.Name, escalations.Description, escalations.Ordering, escalations.IsDefault));
        Assert.Equal([productionReviewer], escalations.ReviewerUsers);
        var moderatorRole = await db.Roles.SingleAsync(r => r.OrganizationId == productionId && r.Key == DefaultRoles.Moderator, TestContext.Current.CancellationToken);
        Assert.Equal([moderatorRole.Id], escalations.ReviewerRoles);
        Assert.Equal([source.HookId], escalations.HiddenActions);

        var rules = await db.RoutingRules.Where(r => r.OrganizationId == productionId).ToDictionaryAsync(r => r.Id, TestContext.Current.CancellationToken);
        Assert.Equal(source.RuleIds.Order(StringComparer.Ordinal), rules.Keys.Order(StringComparer.Ordinal));
        var posts = rules[source.RuleIds[0]];
        Assert.Equal((QueueKind.Standard, 0, reports.Id), (posts.Kind, posts.Position, posts.TargetQueueId));
        var threats = rules[source.RuleIds[1]];
        Assert.Equal((1, source.EscalationsId), (threats.Position, threats.TargetQueueId));
        var threatCondition = Assert.IsType<ConditionSet>(ConditionEvaluator.Deserialize(threats.ConditionJson));
        Assert.Equal(Conjunction.Or, threatCondition.Conjunction);
        Assert.Equal(["threat|kill"], Assert.IsType<LeafCondition>(threatCondition.Conditions[0]).Values);
        Assert.Equal([source.PolicyId], Assert.IsType<LeafCondition>(threatCondition.Conditions[1]).Values);
        var appeals = rules[source.RuleIds[2]];
        Assert.Equal((QueueKind.Appeals, 0, source.ThreatAppealsId), (appeals.Kind, appeals.Position, appeals.TargetQueueId));
        var userType = await db.ItemTypes.SingleAsync(t => t.OrganizationId == productionId && t.IsDefaultUserType, TestContext.Current.CancellationToken);
        var appealer = Assert.IsType<LeafCondition>(Assert.IsType<ConditionSet>(ConditionEvaluator.Deserialize(appeals.ConditionJson)).Conditions[0]);
        Assert.Equal([userType.Id], appealer.Values);

        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.OrganizationId == productionId && a.Action == "queue.created", TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.OrganizationId == productionId && a.Action == "queue.updated", TestContext.Current.CancellationToken));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.OrganizationId == productionId && a.Action == "routing-rule.created", TestContext.Current.CancellationToken));

        // Exported back, the file is the same but for the ids every install has its own of: the default user type, the
        // default queues and the built-in actions.
        var stagingDocument = JsonNode.Parse(file)!.AsObject();
        var back = JsonNode.Parse(Serialize(await ExportAsync(production, "Production")))!.AsObject();
        var ownIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in new[] { QueueKind.Standard, QueueKind.Appeals, QueueKind.Ncmec })
        {
            ownIds[Default(stagingDocument, kind)] = Default(back, kind);
        }

        ownIds[(string)stagingDocument["itemTypes"]![0]!["id"]!] = userType.Id;
        foreach (var action in stagingDocument["actions"]!.AsArray().Where(a => (string)a!["actionType"]! != "CUSTOM_ACTION"))
        {
            ownIds[(string)action!["id"]!] = (string)back["actions"]!.AsArray().Single(a => (string)a!["actionType"]! == (string)action["actionType"]!)!["id"]!;
        }

        Assert.All(ownIds, pair => Assert.NotEqual(pair.Key, pair.Value));
        var expected = JsonNode.Parse(ownIds.Aggregate(file, (json, pair) => json.Replace(pair.Key, pair.Value, StringComparison.Ordinal)))!.AsObject();
        foreach (var header in new[] { "exportedAt", "organization" })
        {
            expected.Remove(header);
            back.Remove(header);
        }

        Assert.True(JsonNode.DeepEquals(expected, back), $"The export of the import differs:\n{expected.ToJsonString()}\n{back.ToJsonString()}");
    }

    [Fact]
    public async Task A_rule_naming_an_unknown_queue_is_refused_with_its_pointer_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var file = $$"""
            { "version": 1,
              "queues": [ { "id": "triage", "name": "Triage", "kind": "STANDARD", "ordering": "AGE" } ],
              "routingRules": [
                { "id": "to-triage", "name": "Everything", "kind": "STANDARD", "condition": {{Everything}}, "targetQueueId": "triage" },
                { "id": "to-nowhere", "name": "Nowhere", "kind": "STANDARD", "condition": {{Everything}}, "targetQueueId": "no-such-queue" }
              ] }
            """;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, file, "Acme"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("/routingRules/1/targetQueueId", error.Key);
        Assert.Equal(["/routingRules/1/targetQueueId: No queue 'no-such-queue' exists in the file or the organization."], error.Value);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.ReviewQueues.AnyAsync(q => q.Id == "triage", TestContext.Current.CancellationToken));
        Assert.Equal(3, await db.ReviewQueues.CountAsync(q => q.OrganizationId == organizationId, TestContext.Current.CancellationToken));
        Assert.False(await db.RoutingRules.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action.StartsWith("queue.") || a.Action.StartsWith("routing-rule.") || a.Action == "config.imported",
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_problem_of_queues_and_rules_is_reported_with_its_pointer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.Admin);
        var theirs = await app.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.Admin), s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Theirs", null, QueueKind.Standard, QueueOrdering.Age, false, [], [], [])));
        var theirRule = await app.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.Admin), s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(
            new SaveRoutingRuleCommand(null, "Theirs", null, QueueKind.Standard, new ConditionSet(Conjunction.And, []), theirs.Id)));
        var reportsId = await DefaultQueueIdAsync(app, organizationId, QueueKind.Standard);
        var file = $$"""
            { "version": 1,
              "queues": [
                { "id": "{{theirs.Id}}", "name": "Mine", "kind": "STANDARD" },
                { "id": "triage", "name": "Triage", "kind": "STANDARD", "reviewerUsers": ["nobody@acme.example"], "reviewerRoles": ["JANITOR"], "hiddenActionIds": ["no-such-action"] },
                { "id": "{{reportsId}}", "name": "Reports", "isDefault": false },
                { "id": "second-ncmec", "name": "More child safety", "kind": "NCMEC" },
                { "id": "slow", "name": "triage", "kind": "STANDARD", "ordering": "RANDOM" },
                { "id": "appeals-1", "name": "Appeals one", "kind": "APPEALS", "isDefault": true },
                { "id": "appeals-2", "name": "Appeals two", "kind": "APPEALS", "isDefault": true }
              ],
              "routingRules": [
                { "id": "bad-regex", "name": "Bad regex", "kind": "STANDARD", "targetQueueId": "triage",
                  "condition": { "input": "ReportReason", "comparator": "MatchesRegex", "values": ["(threat"], "type": "condition" } },
                { "id": "wrong-kind", "name": "Appeals to triage", "kind": "APPEALS", "condition": {{Everything}}, "targetQueueId": "triage" },
                { "id": "ghost-policy", "name": "Ghost", "kind": "STANDARD", "position": 4, "targetQueueId": "triage",
                  "condition": { "type": "condition", "input": "ReportPolicy", "comparator": "IsOneOf", "values": ["no-such-policy"] } },
                { "id": "same-place", "name": "Same place", "kind": "STANDARD", "position": 4, "condition": {{Everything}}, "targetQueueId": "triage" },
                { "id": "{{theirRule.Id}}", "name": "Their id", "kind": "STANDARD", "condition": {{Everything}}, "targetQueueId": "triage" },
                { "id": "ncmec-rule", "name": "Child safety", "kind": "NCMEC", "condition": {{Everything}}, "targetQueueId": "triage" }
              ] }
            """;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, file, "Acme"));

        Assert.Equal(
            ["/queues/0/id", "/queues/1/hiddenActionIds/0", "/queues/1/name", "/queues/1/reviewerRoles/0", "/queues/1/reviewerUsers/0", "/queues/2/isDefault", "/queues/3/kind",
             "/queues/4/name", "/queues/4/ordering", "/queues/6/isDefault",
             "/routingRules/0/condition", "/routingRules/1/targetQueueId", "/routingRules/2/condition", "/routingRules/2/position", "/routingRules/3/position",
             "/routingRules/4/id", "/routingRules/5/kind"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([$"/queues/0/id: The id '{theirs.Id}' belongs to another organization."], refused.Errors["/queues/0/id"]);
        Assert.Equal([$"/routingRules/4/id: The id '{theirRule.Id}' belongs to another organization."], refused.Errors["/routingRules/4/id"]);
        Assert.Contains("'(threat' is not a valid regular expression", Assert.Single(refused.Errors["/routingRules/0/condition"]), StringComparison.Ordinal);
        Assert.Equal(["/routingRules/1/targetQueueId: Choose an appeals queue."], refused.Errors["/routingRules/1/targetQueueId"]);
        Assert.Equal(["/routingRules/2/condition: No policy 'no-such-policy' exists in the file or the organization."], refused.Errors["/routingRules/2/condition"]);
        Assert.StartsWith("/queues/2/isDefault: This is the organization's default STANDARD queue", Assert.Single(refused.Errors["/queues/2/isDefault"]), StringComparison.Ordinal);
        Assert.Equal(["/queues/6/isDefault: Only one APPEALS queue is the default (already /queues/5)."], refused.Errors["/queues/6/isDefault"]);
        Assert.Equal(["/queues/1/reviewerUsers/0: No user 'nobody@acme.example' in the organization (name reviewers by email)."], refused.Errors["/queues/1/reviewerUsers/0"]);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await db.ReviewQueues.CountAsync(q => q.OrganizationId == organizationId, TestContext.Current.CancellationToken));
        Assert.False(await db.RoutingRules.AnyAsync(r => r.OrganizationId == organizationId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_condition_of_the_wrong_shape_is_refused_with_the_pointer_into_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var reportsId = await DefaultQueueIdAsync(app, (await app.WithScopeAsync(s => s.AskAsync<ExportConfigurationQuery, ConfigDocument>(new("Acme")))).Organization!.Id!, QueueKind.Standard);

        var typo = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, $$"""
            { "version": 1, "routingRules": [ { "id": "r", "name": "R", "kind": "STANDARD", "targetQueueId": "{{reportsId}}",
              "condition": { "type": "set", "conjunction": "And", "conditions": [ { "type": "condition", "input": "ItemType", "comparator": "Equals", "valuez": ["x"] } ] } } ] }
            """, "Acme"));
        Assert.Equal(["/routingRules/0/condition/conditions/0/valuez"], typo.Errors.Keys);

        var untyped = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, $$"""
            { "version": 1, "routingRules": [ { "id": "r", "name": "R", "kind": "STANDARD", "targetQueueId": "{{reportsId}}",
              "condition": { "conjunction": "And", "conditions": [] } } ] }
            """, "Acme"));
        Assert.Equal(["/routingRules/0/condition"], untyped.Errors.Keys);

        var comparator = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, $$"""
            { "version": 1, "routingRules": [ { "id": "r", "name": "R", "kind": "STANDARD", "targetQueueId": "{{reportsId}}",
              "condition": { "type": "condition", "input": "ReportReason", "comparator": "Resembles", "values": ["x"] } } ] }
            """, "Acme"));
        Assert.Equal(["/routingRules/0/condition/comparator"], comparator.Errors.Keys);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time_for_every_kind()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        var file = $$"""
            { "version": 1,
              "itemTypes": [ { "id": "post", "name": "Post", "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true } ] } ],
              "policies": [ { "id": "spam", "name": "Spam", "penalty": "LOW" } ],
              "actions": [ { "id": "remove", "name": "Remove", "callbackUrl": "https://platform.example/remove", "itemTypeIds": ["post"] } ],
              "queues": [
                { "id": "triage", "name": "Triage", "description": "  First look  ", "kind": "standard", "ordering": "priority", "isDefault": false,
                  "reviewerUsers": ["{{OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator).ToUpperInvariant()}}"], "reviewerRoles": ["Moderator", "ADMIN"],
                  "hiddenActionIds": ["remove"] },
                { "id": "appeal-triage", "name": "Appeal triage", "kind": "APPEALS" }
              ],
              "routingRules": [
                { "id": "spam-posts", "name": "Spam posts", "kind": "STANDARD", "targetQueueId": "triage",
                  "condition": { "type": "set", "conjunction": "And", "conditions": [
                    { "type": "condition", "input": "ItemType", "comparator": "Equals", "values": ["post"], "field": null },
                    { "type": "condition", "input": "ReportPolicy", "comparator": "IsOneOf", "values": ["spam"] } ] } },
                { "id": "long-reasons", "name": "Long reasons", "kind": "STANDARD", "targetQueueId": "triage",
                  "condition": { "type": "condition", "input": "ReportReason", "comparator": "MatchesRegex", "values": [".{200,}"] } },
                { "id": "all-appeals", "name": "All appeals", "kind": "APPEALS", "condition": {{Everything}}, "targetQueueId": "appeal-triage" }
              ] }
            """;

        var first = await ImportAsync(app, file, "Acme");
        Assert.Equal(
            [new ImportCounts(1, 0, 0), new ImportCounts(1, 0, 0), new ImportCounts(1, 0, 0), new ImportCounts(2, 0, 0), new ImportCounts(3, 0, 0)],
            [first.ItemTypes, first.Policies, first.Actions, first.Queues, first.RoutingRules]);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var audits = await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);

        var second = await ImportAsync(app, file, "Acme");

        Assert.True(second.ChangedNothing);
        Assert.Equal(
            [new ImportCounts(0, 0, 1), new ImportCounts(0, 0, 1), new ImportCounts(0, 0, 1), new ImportCounts(0, 0, 2), new ImportCounts(0, 0, 3)],
            [second.ItemTypes, second.Policies, second.Actions, second.Queues, second.RoutingRules]);
        Assert.Equal(audits, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
        var triage = await db.ReviewQueues.SingleAsync(q => q.Id == "triage", TestContext.Current.CancellationToken);
        Assert.Equal(("First look", QueueOrdering.Priority, 2), (triage.Description, triage.Ordering, triage.ReviewerRoles.Count));
        var rules = await db.RoutingRules.Where(r => r.OrganizationId == organizationId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["spam-posts:0", "long-reasons:1", "all-appeals:0"], rules.OrderBy(r => r.Kind).ThenBy(r => r.Position).Select(r => $"{r.Id}:{r.Position}"));
    }

    [Fact]
    public async Task The_file_decides_which_queue_is_the_default_of_its_kind_and_an_unknown_default_is_the_organizations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var reportsId = await DefaultQueueIdAsync(app, organizationId, QueueKind.Standard);

        // A default queue from another install (its id unknown here) is this organization's default queue of the kind.
        var mapped = await ImportAsync(app, $$"""
            { "version": 1,
              "queues": [ { "id": "staging-reports", "name": "Reports", "kind": "STANDARD", "ordering": "AGE", "isDefault": true } ],
              "routingRules": [ { "id": "all", "name": "All", "kind": "STANDARD", "condition": {{Everything}}, "targetQueueId": "staging-reports" } ] }
            """, "Acme");
        Assert.Equal(new ImportCounts(0, 1, 0), mapped.Queues);
        await using (var db = await ContextAsync(app))
        {
            Assert.False(await db.ReviewQueues.AnyAsync(q => q.Id == "staging-reports", TestContext.Current.CancellationToken));
            Assert.Equal(QueueOrdering.Age, (await db.ReviewQueues.SingleAsync(q => q.Id == reportsId, TestContext.Current.CancellationToken)).Ordering);
            Assert.Equal(reportsId, (await db.RoutingRules.SingleAsync(r => r.Id == "all", TestContext.Current.CancellationToken)).TargetQueueId);
        }

        // A file that lists the current default unflagged and flags another queue moves the flag.
        var moved = await ImportAsync(app, $$"""
            { "version": 1, "queues": [
                { "id": "{{reportsId}}", "name": "Reports", "kind": "STANDARD", "ordering": "AGE", "isDefault": false },
                { "id": "triage", "name": "Triage", "kind": "STANDARD", "ordering": "PRIORITY", "isDefault": true } ] }
            """, "Acme");
        Assert.Equal(new ImportCounts(1, 1, 0), moved.Queues);
        Assert.Equal("triage", await DefaultQueueIdAsync(app, organizationId, QueueKind.Standard));

        // Flagging an existing queue takes the flag back; the default of each kind stays single.
        var back = await ImportAsync(app, $$"""{ "version": 1, "queues": [ { "id": "{{reportsId}}", "isDefault": true, "name": "Reports" } ] }""", "Acme");
        Assert.Equal(new ImportCounts(0, 1, 0), back.Queues);
        await using (var db = await ContextAsync(app))
        {
            var defaults = await db.ReviewQueues.Where(q => q.OrganizationId == organizationId && q.IsDefault).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([QueueKind.Standard, QueueKind.Appeals, QueueKind.Ncmec], defaults.Select(q => q.Kind).Order());
            Assert.Equal(reportsId, defaults.Single(q => q.Kind == QueueKind.Standard).Id);
            Assert.Contains(await db.AuditEntries.Where(a => a.Action == "queue.updated" && a.TargetId == reportsId).Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken),
                d => d?.Contains("took the default from Triage", StringComparison.Ordinal) == true);
        }
    }

    private sealed record StagingSetUp(
        string PolicyId, string HookId, string ReportsQueueId, string EscalationsId, string ThreatAppealsId, IReadOnlyList<string> RuleIds);

    /// <summary>A post type, a policy, a webhook action, two queues (one restricted to a reviewer and a role, hiding the action) and three rules.</summary>
    private static async Task<StagingSetUp> SetUpStagingAsync(CoopAppFactory staging, string reviewer)
    {
        var admin = OrganizationBuilder.EmailFor("Staging", DefaultRoles.Admin);
        var organizationId = (await staging.WithScopeAsync(s => s.AskAsync<ExportConfigurationQuery, ConfigDocument>(new("Staging")))).Organization!.Id!;
        var reportsId = await DefaultQueueIdAsync(staging, organizationId, QueueKind.Standard);
        var userTypeId = await staging.WithScopeAsync(async s =>
            (await s.GetRequiredService<ItemTypeCatalog>().GetLatestAsync(organizationId, TestContext.Current.CancellationToken)).DefaultUserType!.Id);
        return await staging.AsUserAsync(admin, async s =>
        {
            var post = await s.SendAsync<CreateItemTypeCommand, ItemTypeDetails>(new("Post", null, ItemTypeKind.Content,
                [new("text", ScalarType.String, true), new("score", ScalarType.Number, false)]));
            var policy = await s.SendAsync<CreatePolicyCommand, PolicyView>(new(new PolicyDetails("Threats", null, null, null, Penalty.High, 1, false)));
            var hook = await s.SendAsync<CreateActionCommand, ActionView>(new(new ActionDefinitionDetails(
                "Ban", null, [post.Id], "https://platform.example/ban", [], null, false)));
            var editor = await s.AskAsync<GetQueueEditorQuery, QueueEditor>(new(null));
            var escalations = await s.SendAsync<SaveQueueCommand, QueueForm>(new(null, "Escalations", "Hard cases", QueueKind.Standard, QueueOrdering.Priority, false,
                [editor.Users.Single(u => u.Name == reviewer).Id], [editor.Roles.Single(r => r.Name == "Moderator").Id], [hook.Id]));
            var threatAppeals = await s.SendAsync<SaveQueueCommand, QueueForm>(new(null, "Appeals of threats", null, QueueKind.Appeals, QueueOrdering.Age, false, [], [], []));
            var reports = (await s.AskAsync<GetQueueEditorQuery, QueueEditor>(new(reportsId))).Queue!;
            await s.SendAsync<SaveQueueCommand, QueueForm>(new(reports.Id, reports.Name, reports.Description, reports.Kind, QueueOrdering.Age, true, [], [], []));

            var threats = await s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new(null, "Threats", "Threats first", QueueKind.Standard,
                new ConditionSet(Conjunction.Or,
                [
                    new LeafCondition(ConditionInput.ReportReason, Comparator.MatchesRegex, ["threat|kill"]),
                    new LeafCondition(ConditionInput.ReportPolicy, Comparator.IsOneOf, [policy.Id]),
                ]), escalations.Id));
            var posts = await s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new(null, "Popular posts", null, QueueKind.Standard,
                new ConditionSet(Conjunction.And,
                [
                    new LeafCondition(ConditionInput.ItemType, Comparator.Equals, [post.Id]),
                    new LeafCondition(ConditionInput.ItemField, Comparator.GreaterOrEqual, ["100"], "score"),
                ]), reportsId));
            await s.SendAsync<MoveRoutingRuleCommand, bool>(new(posts.Id, Up: true));
            var appeals = await s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new(null, "Appeals by users", null, QueueKind.Appeals,
                new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.ReporterType, Comparator.Equals, [userTypeId])]), threatAppeals.Id));
            return new StagingSetUp(policy.Id, hook.Id, reportsId, escalations.Id, threatAppeals.Id, [posts.Id, threats.Id, appeals.Id]);
        });
    }

    private static string Default(JsonObject document, QueueKind kind) =>
        (string)document["queues"]!.AsArray().Single(q => string.Equals((string)q!["kind"]!, kind.ToString(), StringComparison.OrdinalIgnoreCase) && (bool)q["isDefault"]!)!["id"]!;

    private static async Task<string> DefaultQueueIdAsync(CoopAppFactory app, string organizationId, QueueKind kind)
    {
        await using var db = await ContextAsync(app);
        return await db.ReviewQueues.Where(q => q.OrganizationId == organizationId && q.Kind == kind && q.IsDefault).Select(q => q.Id)
            .SingleAsync(TestContext.Current.CancellationToken);
    }

    private static Task<CoopDbContext> ContextAsync(CoopAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    private static Task<ConfigDocument> ExportAsync(CoopAppFactory app, string organization) =>
        app.WithScopeAsync(s => s.AskAsync<ExportConfigurationQuery, ConfigDocument>(new(organization)));

    private static string Serialize(ConfigDocument document) => JsonSerializer.Serialize(document, ConfigDocument.JsonOptions);

    private static Task<ImportConfigurationResult> ImportAsync(CoopAppFactory app, string json, string organization) =>
        app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(new(json, organization)));
}
