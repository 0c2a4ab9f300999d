using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Investigation;
using Coop.Web.Features.Investigation.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Investigation;

/// <summary>Every search filter is served by an index: the database never reads all of an organization's items to apply one.</summary>
[Trait("Category", "Integration")]
public sealed class SearchIndexTests
{
    public static TheoryData<DatabaseProvider, string, string> Filters => new()
    {
        { DatabaseProvider.Sqlite, "none", "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId" },
        { DatabaseProvider.Sqlite, "itemId", "IX_Items_OrganizationId_ItemId" },
        { DatabaseProvider.Sqlite, "itemTypeId", "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId" },
        // On empty, unanalyzed tables both planners prefer walking the organization's time index (it gives the order) over
        // the id and author indexes; which one they pick on real data depends on statistics. See docs/user-guide/investigation.md.
        { DatabaseProvider.Sqlite, "userId", "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId" },
        { DatabaseProvider.Sqlite, "from", "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId" },
        { DatabaseProvider.Sqlite, "policyId", "IX_ActionExecutionPolicies_OrganizationId_PolicyId_ItemTypeId_ItemId" },
        { DatabaseProvider.Sqlite, "actionId", "IX_ActionExecutions_OrganizationId_ActionId_ItemTypeId_ItemId" },
        { DatabaseProvider.Sqlite, "decidedBy", "IX_ReviewDecisions_OrganizationId_" },
        { DatabaseProvider.Postgres, "none", "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId" },
        { DatabaseProvider.Postgres, "policyId", "IX_ActionExecutionPolicies_OrganizationId_PolicyId" },
        { DatabaseProvider.Postgres, "actionId", "IX_ActionExecutions_OrganizationId_ActionId_ItemTypeId_ItemId" },
        { DatabaseProvider.Postgres, "decidedBy", "IX_ReviewDecisions_OrganizationId_" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_reads_through_an_index(DatabaseProvider provider, string filter, string index)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var filters = filter switch
        {
            "itemId" => new InvestigationFilters(ItemId: "p1"),
            "itemTypeId" => new InvestigationFilters(ItemTypeId: "post"),
            "userId" => new InvestigationFilters(UserId: "u1"),
            "from" => new InvestigationFilters(From: new DateOnly(2026, 1, 1)),
            "policyId" => new InvestigationFilters(PolicyId: "spam"),
            "actionId" => new InvestigationFilters(ActionId: "remove"),
            "decidedBy" => new InvestigationFilters(DecidedBy: "ana"),
            _ => new InvestigationFilters(),
        };
        var search = new InvestigationSearch(db, "org", filters, new ChildSafetyScope(false, ["ncmec-queue"]), ["user"]);

        // The first page. (Later pages add the keyset condition; without statistics SQLite may then walk the last-received index
        // from the cursor, which PostgreSQL, with statistics, does not.)
        var after = provider == DatabaseProvider.Postgres ? new SearchCursor(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), "post", "p9") : null;
        var plan = await QueryPlan.ExplainAsync(db, provider, search.Page(after, 26));

        Assert.True(plan.Contains(index, StringComparison.Ordinal), plan);
        var flat = plan.Replace("\"", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN Items\n", flat + "\n", StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", flat, StringComparison.Ordinal);
    }
}
