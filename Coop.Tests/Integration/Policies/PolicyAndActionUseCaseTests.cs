using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Policies;

/// <summary>The policy and action use cases against each provider's real schema.</summary>
[Trait("Category", "Integration")]
public sealed class PolicyAndActionUseCaseTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    private static PolicyDetails Details(string name, string? parent = null, int strikes = 1, bool apply = false, Penalty penalty = Penalty.None) =>
        new(name, parent, "Text **bold**", "Guidelines", penalty, strikes, apply);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Policies_form_a_tree_with_inherited_strike_weights_revisions_and_audit(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        var orgId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Moderator, DefaultRoles.Analyst);
        var moderator = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

        var (root, child) = await app.AsUserAsync(moderator, async s =>
        {
            var root = await s.SendAsync<CreatePolicyCommand, PolicyView>(new(Details("Harassment", strikes: 3, apply: true, penalty: Penalty.High)));
            var child = await s.SendAsync<CreatePolicyCommand, PolicyView>(new(Details("Threats", root.Id, strikes: 1)));
            return (root, child);
        });
        Assert.Equal(3, child.UserStrikeCount);
        Assert.Equal("Harassment", child.StrikeWeightInheritedFrom);

        await app.AsUserAsync(moderator, async s =>
        {
            await s.SendAsync<UpdatePolicyCommand, PolicyView>(new(root.Id, Details("Harassment", strikes: 5, apply: true, penalty: Penalty.Severe), root.Version));
            var stale = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<UpdatePolicyCommand, PolicyView>(new(root.Id, Details("Harassment", penalty: Penalty.Low), root.Version)));
            Assert.Contains("Someone else changed this policy", stale.Message, StringComparison.Ordinal);
            var cycle = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<UpdatePolicyCommand, PolicyView>(new(root.Id, Details("Harassment", child.Id))));
            Assert.Contains("ParentId", cycle.Errors.Keys);
            var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<CreatePolicyCommand, PolicyView>(new(Details("THREATS"))));
            Assert.Contains("Name", duplicate.Errors.Keys);
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                s.SendAsync<DeletePolicyCommand, bool>(new(root.Id)));
            Assert.Contains("sub-policies", refused.Message, StringComparison.Ordinal);

            var tree = await s.AskAsync<ListPoliciesQuery, IReadOnlyList<PolicyNode>>(new());
            var top = Assert.Single(tree);
            Assert.Equal(Penalty.Severe, top.Policy.Penalty);
            Assert.Equal(5, Assert.Single(top.Children).Policy.UserStrikeCount);
            return 0;
        });

        await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Analyst), async s =>
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.SendAsync<CreatePolicyCommand, PolicyView>(new(Details("Spam"))));
            Assert.Single(await s.AskAsync<ListPoliciesQuery, IReadOnlyList<PolicyNode>>(new()));
            return 0;
        });

        await app.AsUserAsync(moderator, s => s.SendAsync<DeletePolicyCommand, bool>(new(root.Id, MoveChildrenToParent: true)));
        var api = await app.WithScopeAsync(s => s.AskAsync<ListPoliciesForApiQuery, IReadOnlyList<ApiPolicy>>(new(orgId)));
        Assert.Equal([new ApiPolicy(child.Id, "Threats", null)], api);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var revisions = await db.PolicyRevisions.Where(r => r.PolicyId == root.Id).OrderBy(r => r.Version).Select(r => r.Change).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["created", "updated", "deleted"], revisions);
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("policy.")).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, audit.Count(a => a == "policy.created"));
        Assert.Contains("policy.deleted", audit);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Actions_keep_header_values_secret_and_built_ins_cannot_be_deleted(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        const string secret = "Bearer top-secret-value";

        var created = await app.AsUserAsync(admin, s => s.SendAsync<CreateActionCommand, ActionView>(new(new ActionDefinitionDetails(
            "Ban user", "Bans the author", ["type-1"], "https://platform.example/ban",
            [new ActionHeaderInput("Authorization", secret)], "{ \"queue\": \"bans\" }", true))));
        Assert.Equal(["Authorization"], created.HeaderNames);
        Assert.Equal("{\"queue\":\"bans\"}", created.CustomBody);

        await app.AsUserAsync(admin, async s =>
        {
            await s.SendAsync<UpdateActionCommand, ActionView>(new(created.Id, new ActionDefinitionDetails(
                "Ban user", "Bans the author", ["type-1"], "https://platform.example/ban/v2", [new ActionHeaderInput("Authorization", null)], null, true)));
            var all = await s.AskAsync<ListActionsQuery, IReadOnlyList<ActionView>>(new());
            Assert.Equal(4, all.Count);
            var builtIn = all.First(a => a.IsBuiltIn);
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SendAsync<DeleteActionCommand, bool>(new(builtIn.Id)));
            Assert.Contains("built in", refused.Message, StringComparison.Ordinal);
            var badUrl = await Assert.ThrowsAsync<ValidationFailedException>(() => s.SendAsync<CreateActionCommand, ActionView>(new(new ActionDefinitionDetails(
                "Other", null, [], "ftp://x", [new ActionHeaderInput("Host", "x")], "[1]", false))));
            Assert.Equal(["CallbackUrl", "CustomBody", "Headers"], badUrl.Errors.Keys.Order());
            return 0;
        });

        await app.AsUserAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), async s =>
        {
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => s.SendAsync<DeleteActionCommand, bool>(new(created.Id)));
            return 0;
        });

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Actions.SingleAsync(a => a.Id == created.Id, TestContext.Current.CancellationToken);
        Assert.True(Coop.Infrastructure.Secrets.SecretHeaderValues.IsProtected(stored.Headers.Single().Value)); // encrypted at rest
        Assert.Equal(secret, app.Services.GetRequiredService<Coop.Infrastructure.Secrets.SecretHeaderValues>().Reveal(stored.Headers.Single().Value));
        Assert.Equal("https://platform.example/ban/v2", stored.CallbackUrl);
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("action.")).Select(a => a.Details).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, d => Assert.DoesNotContain("top-secret", d!, StringComparison.Ordinal));
        var revisions = await db.ActionRevisions.Where(r => r.ActionId == created.Id).Select(r => r.Snapshot).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, revisions.Count);
        Assert.All(revisions, r => Assert.DoesNotContain("top-secret", r, StringComparison.Ordinal));
    }
}
