using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Policies;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Cli;

[Trait("Category", "Integration")]
public sealed class ConfigExportImportTests
{
    [Fact]
    public async Task Export_then_import_into_a_fresh_database_keeps_ids_and_a_second_import_changes_nothing()
    {
        await using var staging = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var production = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();
        var file = Path.Combine(work, "config.json");

        string parentId, childId, actionId, postTypeId, queueId, ruleId;
        ItemTypeSchema postSchema;
        await using (var app = new CoopAppFactory(staging.Settings()))
        {
            await OrganizationBuilder.CreateAsync(app, "Staging", DefaultRoles.Admin);
            (parentId, childId, actionId, postTypeId, postSchema, queueId, ruleId) = await app.AsUserAsync(OrganizationBuilder.EmailFor("Staging", DefaultRoles.Admin), async s =>
            {
                var postType = await s.SendAsync<CreateItemTypeCommand, ItemTypeDetails>(new("Post", "A post", ItemTypeKind.Content,
                    [new("text", ScalarType.String, true), new("author", ScalarType.RelatedItem, false), new("created", ScalarType.Datetime, false),
                     new("tags", ScalarType.Number, false, ContainerType.Map, ScalarType.String), new("photos", ScalarType.Image, false, ContainerType.Array)],
                    new ItemTypeFieldRoles(new Dictionary<ItemTypeRole, string?> { [ItemTypeRole.CreatorId] = "author", [ItemTypeRole.CreatedAt] = "created" }),
                    ["tags"]));
                var parent = await s.SendAsync<CreatePolicyCommand, PolicyView>(new(new PolicyDetails("Spam", null, "No spam", "Remove it", Penalty.Low, 2, true)));
                var child = await s.SendAsync<CreatePolicyCommand, PolicyView>(new(new PolicyDetails("Scams", parent.Id, null, null, Penalty.High, 2, false)));
                var action = await s.SendAsync<CreateActionCommand, ActionView>(new(new ActionDefinitionDetails(
                    "Remove post", null, [postType.Id], "https://platform.example/remove", [], "{\"reason\":\"policy\"}", true,
                    [new ActionParameter("days", "Days", ActionParameterType.Number, Min: 1, Max: 30),
                     new ActionParameter("where", "Where", ActionParameterType.Multiselect, Options: [new("feed", "Feed")])])));
                var queue = await s.SendAsync<SaveQueueCommand, QueueForm>(new(null, "Scams", null, QueueKind.Standard, QueueOrdering.Priority, false, [], [], [action.Id]));
                var rule = await s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new(null, "Scam reports", null, QueueKind.Standard,
                    new ConditionSet(Conjunction.Or, [new LeafCondition(ConditionInput.ReportPolicy, Comparator.IsOneOf, [child.Id]),
                        new LeafCondition(ConditionInput.ReportReason, Comparator.MatchesRegex, ["scam|fraud"])]), queue.Id));
                return (parent.Id, child.Id, action.Id, postType.Id, postType.Schema, queue.Id, rule.Id);
            });
        }

        var export = await CliProcess.RunAsync(staging.Settings(), work, "config", "export", "--org", "Staging", "--out", file);
        Assert.True(export.ExitCode == 0, export.All);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        Assert.Equal(1, (int)json["version"]!);
        Assert.Equal([parentId, childId], json["policies"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.Equal("LOW", (string)json["policies"]![0]!["penalty"]!);
        Assert.Equal(4, json["actions"]!.AsArray().Count);
        Assert.Equal("MULTISELECT", (string)json["actions"]![3]!["parameters"]![1]!["type"]!);
        var exportedTypes = json["itemTypes"]!.AsArray();
        Assert.Equal(2, exportedTypes.Count);
        Assert.True((bool)exportedTypes[0]!["isDefaultUserType"]!);
        Assert.Equal("USER", (string)exportedTypes[0]!["kind"]!);
        Assert.Equal(postTypeId, (string)exportedTypes[1]!["id"]!);
        Assert.Equal("author", (string)exportedTypes[1]!["schemaFieldRoles"]!["creatorId"]!);
        Assert.Equal("MAP", (string)exportedTypes[1]!["fields"]![3]!["type"]!);
        Assert.Equal("NUMBER", (string)exportedTypes[1]!["fields"]![3]!["container"]!["valueScalarType"]!);
        Assert.Equal(["tags"], exportedTypes[1]!["hiddenFields"]!.AsArray().Select(h => (string)h!));
        Assert.Equal(["STANDARD", "STANDARD", "APPEALS", "NCMEC"], json["queues"]!.AsArray().Select(q => (string)q!["kind"]!));
        Assert.Equal(queueId, (string)json["queues"]![1]!["id"]!);
        Assert.Equal([actionId], json["queues"]![1]!["hiddenActionIds"]!.AsArray().Select(a => (string)a!));
        var exportedRule = json["routingRules"]!.AsArray().Single()!;
        Assert.Equal((ruleId, queueId, 0), ((string)exportedRule["id"]!, (string)exportedRule["targetQueueId"]!, (int)exportedRule["position"]!));
        Assert.Equal("set", (string)exportedRule["condition"]!["type"]!);
        Assert.Equal("scam|fraud", (string)exportedRule["condition"]!["conditions"]![1]!["values"]![0]!);

        var admin = await CliProcess.RunAsync(production.Settings(), work, "create-admin", "--email", "ops@prod.example", "--password", "a long operator password", "--org", "Production");
        Assert.True(admin.ExitCode == 0, admin.All);
        var first = await CliProcess.RunAsync(production.Settings(), work, "config", "import", file, "--org", "Production");
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("item types 1 created, 0 updated, 1 unchanged; policies 2 created, 0 updated, 0 unchanged; actions 1 created, 0 updated, 3 unchanged; "
            + "queues 1 created, 0 updated, 3 unchanged; routing rules 1 created, 0 updated, 0 unchanged",
            first.StandardOutput, StringComparison.Ordinal);

        var second = await CliProcess.RunAsync(production.Settings(), work, "config", "import", file);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("nothing changed", second.StandardOutput, StringComparison.Ordinal);

        await using var prod = new CoopAppFactory(production.Settings());
        await using var db = await prod.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var child = await db.Policies.SingleAsync(p => p.Id == childId, TestContext.Current.CancellationToken);
        Assert.Equal(parentId, child.ParentId);
        Assert.Equal(Penalty.High, child.Penalty);
        var action = await db.Actions.SingleAsync(a => a.Id == actionId, TestContext.Current.CancellationToken);
        Assert.Equal([postTypeId], action.ItemTypeIds);
        var postType = await db.ItemTypes.SingleAsync(t => t.Id == postTypeId, TestContext.Current.CancellationToken);
        Assert.Equal(postSchema.ToJson(), postType.SchemaJson);
        Assert.Equal(1, await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == postTypeId, TestContext.Current.CancellationToken));
        var userType = await db.ItemTypes.SingleAsync(t => t.IsDefaultUserType, TestContext.Current.CancellationToken);
        Assert.NotEqual((string)exportedTypes[0]!["id"]!, userType.Id);
        Assert.Equal(1, await db.ItemTypeRevisions.CountAsync(r => r.ItemTypeId == userType.Id, TestContext.Current.CancellationToken));
        Assert.Equal("{\"reason\":\"policy\"}", action.CustomBody);
        Assert.Equal(["days", "where"], action.Parameters.Select(p => p.Name));
        Assert.Equal(30, action.Parameters[0].Max);
        Assert.Equal(ActionParameterType.Multiselect, action.Parameters[1].Type);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "config.imported", TestContext.Current.CancellationToken));
        var queue = await db.ReviewQueues.SingleAsync(q => q.Id == queueId, TestContext.Current.CancellationToken);
        Assert.Equal(("Scams", QueueOrdering.Priority), (queue.Name, queue.Ordering));
        Assert.Equal([actionId], queue.HiddenActions);
        var rule = await db.RoutingRules.SingleAsync(r => r.Id == ruleId, TestContext.Current.CancellationToken);
        Assert.Equal(queueId, rule.TargetQueueId);
        Assert.Equal([childId], Assert.IsType<LeafCondition>(Assert.IsType<ConditionSet>(ConditionEvaluator.Deserialize(rule.ConditionJson)).Conditions[0]).Values);
    }

    [Fact]
    public async Task Import_validates_everything_first_reports_json_pointers_and_keeps_header_values()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(database.Settings());
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await OrganizationBuilder.CreateAsync(app, "Other", DefaultRoles.Admin);
        var otherPolicy = await app.AsUserAsync(OrganizationBuilder.EmailFor("Other", DefaultRoles.Admin), s =>
            s.SendAsync<CreatePolicyCommand, PolicyView>(new(new PolicyDetails("Theirs", null, null, null, Penalty.None, 1, false))));
        var action = await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), s =>
            s.SendAsync<CreateActionCommand, ActionView>(new(new ActionDefinitionDetails(
                "Notify", null, [], "https://platform.example/n", [new ActionHeaderInput("Authorization", "Bearer keep-me")], null, false))));
        var work = TestSettings.NewTempDirectory();

        var bad = Path.Combine(work, "bad.json");
        await File.WriteAllTextAsync(bad, $$"""
            { "version": 1,
              "policies": [ { "id": "p1", "name": "Ok" }, { "id": "{{otherPolicy.Id}}", "name": "Mine" }, { "id": "p3", "name": "X", "parentId": "nope", "penalty": "EXTREME" } ],
              "actions": [ { "id": "a1", "name": "Hook", "callbackUrl": "not a url" } ] }
            """, TestContext.Current.CancellationToken);
        var refused = await CliProcess.RunAsync(database.Settings(), work, "config", "import", bad, "--org", "Acme");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"/policies/1/id: The id '{otherPolicy.Id}' belongs to another organization.", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("/policies/2/penalty:", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("/policies/2/parentId:", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("/actions/0/callbackUrl:", refused.StandardError, StringComparison.Ordinal);

        var typo = Path.Combine(work, "typo.json");
        await File.WriteAllTextAsync(typo, """{ "version": 1, "policies": [ { "id": "p1", "nmae": "Ok" } ] }""", TestContext.Current.CancellationToken);
        var typoResult = await CliProcess.RunAsync(database.Settings(), work, "config", "import", typo, "--org", "Acme");
        Assert.Equal(2, typoResult.ExitCode);
        Assert.Contains("/policies/0/nmae", typoResult.StandardError, StringComparison.Ordinal);

        var export = await CliProcess.RunAsync(database.Settings(), work, "config", "export", "--org", "Acme");
        Assert.True(export.ExitCode == 0, export.All);
        Assert.DoesNotContain("keep-me", export.StandardOutput, StringComparison.Ordinal);
        var document = JsonNode.Parse(export.StandardOutput)!;
        var header = document["actions"]!.AsArray().Single(a => (string?)a!["id"] == action.Id)!["headers"]![0]!;
        Assert.Equal("Authorization", (string)header["name"]!);
        Assert.Null(header["value"]);
        document["actions"]!.AsArray().Single(a => (string?)a!["id"] == action.Id)!["description"] = "changed";
        var edited = Path.Combine(work, "edited.json");
        await File.WriteAllTextAsync(edited, document.ToJsonString(), TestContext.Current.CancellationToken);

        var import = await CliProcess.RunAsync(database.Settings(), work, "config", "import", edited, "--org", "Acme");
        Assert.True(import.ExitCode == 0, import.All);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Actions.SingleAsync(a => a.Id == action.Id, TestContext.Current.CancellationToken);
        Assert.Equal("changed", stored.Description);
        Assert.Equal("Bearer keep-me", app.Services.GetRequiredService<Coop.Infrastructure.Secrets.SecretHeaderValues>().Reveal(stored.Headers.Single().Value));
        Assert.False(await db.Policies.AnyAsync(p => p.Id == "p1", TestContext.Current.CancellationToken));
    }
}
