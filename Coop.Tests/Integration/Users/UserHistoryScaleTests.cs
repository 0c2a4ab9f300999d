using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Users;

/// <summary>
/// A user with 10,000 items among other users' items: pages of their history come from the indexes in their order, so
/// a late page costs what the first does, and the database never scans or sorts the organization's tables.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserHistoryScaleTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Paging_ten_thousand_items_seeks_through_the_indexes(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var start = now.AddDays(-30);
        var queue = ReviewQueue.Create(fixture.OrganizationId, "History reports", null, QueueKind.Standard, QueueOrdering.Age, false, start);
        await using (var db = await fixture.ContextAsync())
        {
            db.Add(queue);
            var seed = new UserHistorySeed(db, fixture.OrganizationId);
            for (var i = 0; i < 10_000; i++)
            {
                // Pairs of items share a timestamp, so the tie-breaking key is exercised across page boundaries.
                seed.Item("post", $"p{i:D5}", start.AddSeconds(i / 2), UserHistorySeed.U1);
                seed.Item("post", $"o{i:D5}", start.AddSeconds(i), new ItemIdentifier($"other{i % 50}", "user"));
            }

            await seed.SaveAsync();
            for (var i = 0; i < 300; i++)
            {
                seed.Report("post", $"p{i * 7:D5}", new ItemIdentifier($"r{i}", "user"), start.AddMinutes(i));
                seed.Decision(queue, "post", $"p{i * 3:D5}", DecisionKind.Ignore, start.AddMinutes(i));
            }

            await seed.SaveAsync();
        }

        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "mod@acme.test", Coop.Domain.Authorization.DefaultRoles.Moderator);
        var pages = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        UserHistoryCursor? after = null;
        DateTime? previous = null;
        do
        {
            var page = await fixture.App.AsUserAsync("mod@acme.test", s => s.AskAsync<ListUserHistoryQuery, UserHistorySlice?>(
                new ListUserHistoryQuery("user", "u1", UserHistorySection.Items, after, ListUserHistoryQuery.MaxTake)));
            Assert.All(page!.Entries, e => Assert.True(seen.Add(e.Id), $"{e.Id} came twice"));
            Assert.True(previous is null || page.Entries[0].At <= previous);
            previous = page.Entries[^1].At;
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal((20, 10_000), (pages, seen.Count));
        Assert.All(seen, id => Assert.StartsWith("post/p", id, StringComparison.Ordinal));

        var types = await fixture.App.Services.GetRequiredService<ItemTypeCatalog>().GetLatestAsync(fixture.OrganizationId);
        var scope = new UserHistoryScope(fixture.OrganizationId, UserHistorySeed.U1, "Member", false, types);
        var cursor = new UserHistoryCursor(start.AddSeconds(2_500), "post", "p05000");
        await using var context = await fixture.ContextAsync();
        if (provider == DatabaseProvider.Postgres)
        {
            // Fresh tables have no statistics until autovacuum gets to them, and without them the planner's choice
            // between the creator indexes depends on timing; a production database is analyzed.
            await context.Database.ExecuteSqlRawAsync("ANALYZE", TestContext.Current.CancellationToken);
        }

        var itemsPlan = Flat(await QueryPlan.ExplainAsync(context, provider, UserHistoryPages.ItemsQuery(context, scope, cursor).Take(26)));
        Assert.Contains(Index("IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId"), itemsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN Items", itemsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", itemsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", itemsPlan, StringComparison.Ordinal);

        var reportsPlan = Flat(await QueryPlan.ExplainAsync(context, provider,
            UserHistoryPages.ReportsQuery(UserHistorySources.ReportsAgainst(context, scope), new UserHistoryCursor(start.AddMinutes(100), "z")).Take(26)));
        Assert.Contains(Index("IX_Reports_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id"), reportsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", reportsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", reportsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", reportsPlan, StringComparison.Ordinal);

        var decisionsPlan = Flat(await QueryPlan.ExplainAsync(context, provider,
            UserHistoryPages.DecisionsQuery(context, scope, new UserHistoryCursor(start.AddMinutes(100), "z")).Take(26)));
        Assert.Contains(Index("IX_ReviewDecisions_OrganizationId_UserItemTypeId_UserItemId_DecidedAt_JobId"), decisionsPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", decisionsPlan, StringComparison.Ordinal);

        var reportsByPlan = Flat(await QueryPlan.ExplainAsync(context, provider, UserHistoryPages.ReportsQuery(UserHistorySources.ReportsBy(context, scope), null).Take(26)));
        Assert.Contains(Index("IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt_Id"), reportsByPlan, StringComparison.Ordinal);
        var strikesPlan = Flat(await QueryPlan.ExplainAsync(context, provider, UserHistoryPages.StrikesQuery(context, scope, null).Take(26)));
        Assert.Contains(Index("IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt"), strikesPlan, StringComparison.Ordinal);
        var actionsPlan = Flat(await QueryPlan.ExplainAsync(context, provider, UserHistoryPages.ActionsQuery(context, scope, null).Take(26)));
        Assert.Contains(Index("IX_ActionExecutions_OrganizationId_UserItemTypeId_UserItemId_ExecutedAt"), actionsPlan, StringComparison.Ordinal);
    }

    /// <summary>PostgreSQL names are at most 63 characters: EF cuts longer index names to 62 and a "~".</summary>
    private static string Index(string name) => name.Length > 62 ? name[..62] : name;

    private static string Flat(string plan) => plan.Replace("\"", string.Empty, StringComparison.Ordinal);
}
