using Coop.Domain.Dashboards;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Persistence;

/// <summary>
/// How a query's "value in a collection" reaches the database: a collection known at run time as one parameter (the same SQL
/// text whatever its length, so EF caches the command), values fixed in code (<see cref="ConstantIn"/>) as SQL constants.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CollectionTranslationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_captured_collection_is_one_parameter_whatever_its_length_and_matches_exactly_its_values(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        string[] stored = ["a", "b", "o'brien", "100%", "é", "c"];
        await SeedAsync(factory, org, stored);

        await using var db = await factory.CreateDbContextAsync(Token);
        string? firstSql = null;
        foreach (var keys in new List<string>[] { [], ["b"], ["a", "o'brien", "missing"], ["é", "é", "100%"], [.. Enumerable.Range(0, 40).Select(i => $"k{i}"), "c"] })
        {
            var query = db.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == org && keys.Contains(c.Key1)).Select(c => c.Key1);
            Assert.Equal(stored.Where(keys.Contains).Order(StringComparer.Ordinal), (await query.ToListAsync(Token)).Order(StringComparer.Ordinal));

            // One parameter for the whole collection, so the statement is the same text for every length (and EF caches it).
            var sql = Statement(query.ToQueryString());
            Assert.Contains(provider == DatabaseProvider.Sqlite ? "json_each(@keys)" : "= ANY (@keys)", sql, StringComparison.Ordinal);
            firstSql ??= sql;
            Assert.Equal(firstSql, sql);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Values_fixed_in_code_are_sql_constants_quoted_and_matched_exactly(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await SeedAsync(factory, org, ["a", "b", "o'brien", "a'); DROP TABLE \"DashboardCounters\"; --", "c"]);

        var filter = ConstantIn.Filter<DashboardCounter>(c => c.Key1, "o'brien", "a'); DROP TABLE \"DashboardCounters\"; --", "c", "missing");
        await using var db = await factory.CreateDbContextAsync(Token);
        var query = db.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == org).Where(filter).Select(c => c.Key1);

        Assert.Equal(["a'); DROP TABLE \"DashboardCounters\"; --", "c", "o'brien"], (await query.ToListAsync(Token)).Order(StringComparer.Ordinal));
        var sql = Statement(query.ToQueryString());
        Assert.Contains("IN ('o''brien', 'a''); DROP TABLE \"DashboardCounters\"; --', 'c', 'missing')", sql, StringComparison.Ordinal);
        Assert.Equal(5, await db.DashboardCounters.CountAsync(c => c.OrganizationId == org, Token));
    }

    private static async Task SeedAsync(IDbContextFactory<CoopDbContext> factory, string org, IEnumerable<string> keys)
    {
        var hour = DashboardTime.HourOf(TimeProvider.System.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(Token);
        await RollupWriter.ApplyAsync(db, keys.Select(k => new CounterDelta(org, DashboardSeries.QueueSkips, hour, k, string.Empty, 1)), Token);
    }

    /// <summary>The statement of <c>ToQueryString()</c>, without the parameter declarations before it.</summary>
    private static string Statement(string queryString) => queryString[queryString.IndexOf("SELECT", StringComparison.Ordinal)..];
}
