using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Investigation.Search;

namespace Coop.Tests.Integration.Investigation;

/// <summary>Investigation search: each filter, combinations, keyset pages, organization isolation and child-safety hiding.</summary>
[Trait("Category", "Integration")]
public sealed class SearchItemsTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly DateTime T0 = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private const string Moderator = "mod@acme.test";
    private const string ChildSafety = "cs@acme.test";

    private sealed record World(ApiFixture Fixture, string AnaId);

    /// <summary>
    /// u1 (user) wrote p1, p2; u2 wrote p3, p4; p1 was actioned under "spam" by "remove", p3 by "ban" under "scam"; Ana decided p2
    /// (standard queue) and n1 (NCMEC only); m1 has jobs in both queues. Another organization has its own p1.
    /// </summary>
    private static async Task<World> SeedAsync(DatabaseProvider provider)
    {
        var fixture = await ApiFixture.StartAsync(provider);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Moderator, DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, ChildSafety, DefaultRoles.ChildSafetyModerator);
        var anaId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        var other = await OrganizationBuilder.CreateAsync(fixture.App, "Other", DefaultRoles.Moderator);
        var org = fixture.OrganizationId;
        var u1 = new ItemIdentifier("u1", "user");
        var u2 = new ItemIdentifier("u2", "user");
        await using var db = await fixture.ContextAsync();
        await InvestigationSeed.ItemAsync(db, org, "user", "u1", T0.AddDays(-10), """{"name":"Gift Card Gary"}""", name: "Gift Card Gary");
        await InvestigationSeed.ItemAsync(db, org, "post", "p1", T0.AddDays(-5), """{"text":"Cheap GIFT cards here"}""", u1);
        await InvestigationSeed.ItemAsync(db, org, "post", "p2", T0.AddDays(-3), """{"text":"hello world"}""", u1);
        await InvestigationSeed.ItemAsync(db, org, "post", "p3", T0.AddDays(-2), """{"text":"gift cards again"}""", u2);
        await InvestigationSeed.ItemAsync(db, org, "post", "p4", T0.AddDays(-1), """{"text":"nothing to see"}""", u2);
        await InvestigationSeed.ItemAsync(db, org, "post", "n1", T0.AddHours(-12), """{"text":"child safety only"}""", u2);
        await InvestigationSeed.ItemAsync(db, org, "post", "m1", T0.AddHours(-6), """{"text":"both queues"}""", u2);
        await InvestigationSeed.ItemAsync(db, other, "post", "p1", T0, """{"text":"gift from elsewhere"}""", u1);

        var standard = ReviewQueue.Create(org, "Standard review", null, QueueKind.Standard, QueueOrdering.Age, false, T0);
        var ncmec = ReviewQueue.Create(org, "Child safety review", null, QueueKind.Ncmec, QueueOrdering.Age, false, T0);
        db.ReviewQueues.AddRange(standard, ncmec);
        await db.SaveChangesAsync();
        await InvestigationSeed.JobAsync(db, standard, "post", "p2", T0.AddDays(-3), anaId);
        await InvestigationSeed.JobAsync(db, ncmec, "post", "n1", T0.AddHours(-12), anaId);
        await InvestigationSeed.JobAsync(db, ncmec, "post", "m1", T0.AddHours(-6));
        await InvestigationSeed.JobAsync(db, standard, "post", "m1", T0.AddHours(-6));
        db.ActionExecutions.AddRange(
            InvestigationSeed.Execution(org, "remove", "post", "p1", T0, """[{"id":"spam","name":"Spam","penalty":"HIGH"}]"""),
            InvestigationSeed.Execution(org, "ban", "post", "p3", T0, """[{"id":"scam","name":"Scam","penalty":"LOW"}]"""),
            InvestigationSeed.Execution(other, "remove", "post", "p1", T0, """[{"id":"spam","name":"Spam","penalty":"HIGH"}]"""));
        await db.SaveChangesAsync();
        return new World(fixture, anaId);
    }

    private static async Task<ItemSearchPage> SearchAsync(World world, InvestigationFilters filters, string user = Moderator, string? after = null, int pageSize = 25) =>
        await world.Fixture.App.AsUserAsync(user, s => s.AskAsync<SearchItemsQuery, ItemSearchPage>(new SearchItemsQuery(filters, after, pageSize)));

    private static async Task<string[]> IdsAsync(World world, InvestigationFilters filters, string user = Moderator) =>
        [.. (await SearchAsync(world, filters, user)).Rows.Select(r => r.ItemId)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_filter_narrows_to_the_right_items_newest_first_within_the_organization(DatabaseProvider provider)
    {
        var world = await SeedAsync(provider);
        await using var fixture = world.Fixture;

        Assert.Equal(["m1", "p4", "p3", "p2", "p1", "u1"], await IdsAsync(world, new()));
        Assert.Equal(["p1"], await IdsAsync(world, new(ItemId: "p1")));
        Assert.Equal(["u1"], await IdsAsync(world, new(ItemTypeId: "user")));
        Assert.Equal(["p2", "p1", "u1"], await IdsAsync(world, new(UserId: "u1")));
        Assert.Equal(["p2", "p1", "u1"], await IdsAsync(world, new(UserId: "u1", UserTypeId: "user")));
        Assert.Empty(await IdsAsync(world, new(UserId: "u1", UserTypeId: "post")));
        Assert.Equal(["p3", "p1", "u1"], await IdsAsync(world, new(Text: "gIfT")));
        Assert.Equal(["p3", "p2"], await IdsAsync(world, new(From: DateOnly.FromDateTime(T0.AddDays(-3)), To: DateOnly.FromDateTime(T0.AddDays(-2)))));
        Assert.Equal(["p1"], await IdsAsync(world, new(PolicyId: "spam")));
        Assert.Equal(["p3"], await IdsAsync(world, new(ActionId: "ban")));
        Assert.Equal(["p2"], await IdsAsync(world, new(DecidedBy: world.AnaId)));

        var row = (await SearchAsync(world, new(ItemId: "p1"))).Rows.Single();
        Assert.Equal(("post", "Post", ItemTypeKind.Content, "u1", "user", 1), (row.ItemTypeId, row.TypeName, row.Kind, row.CreatorId, row.CreatorTypeId, row.Versions));
        Assert.Equal("Gift Card Gary", (await SearchAsync(world, new(ItemId: "u1"))).Rows.Single().DisplayName);
    }

    [Fact]
    public async Task Filters_combine_with_and()
    {
        var world = await SeedAsync(DatabaseProvider.Sqlite);
        await using var fixture = world.Fixture;

        Assert.Equal(["p1"], await IdsAsync(world, new(UserId: "u1", Text: "gift", ItemTypeId: "post")));
        Assert.Equal(["p3"], await IdsAsync(world, new(Text: "gift", From: DateOnly.FromDateTime(T0.AddDays(-4)))));
        Assert.Empty(await IdsAsync(world, new(PolicyId: "spam", UserId: "u2")));
        Assert.Equal(["p4", "p3"], await IdsAsync(world, new(UserId: "u2", To: DateOnly.FromDateTime(T0.AddDays(-1)))));
    }

    [Fact]
    public async Task Items_only_in_child_safety_review_and_their_decisions_are_hidden_without_child_safety_access()
    {
        var world = await SeedAsync(DatabaseProvider.Sqlite);
        await using var fixture = world.Fixture;

        Assert.DoesNotContain("n1", await IdsAsync(world, new(), Moderator));
        Assert.Contains("m1", await IdsAsync(world, new(), Moderator));
        Assert.Empty(await IdsAsync(world, new(ItemId: "n1"), Moderator));
        Assert.Equal(["n1", "p2"], await IdsAsync(world, new(DecidedBy: world.AnaId), ChildSafety));
        Assert.Equal(["m1", "n1", "p4", "p3", "p2", "p1", "u1"], await IdsAsync(world, new(), ChildSafety));
    }

    [Fact]
    public async Task Pages_are_disjoint_and_together_complete_even_when_items_share_a_time()
    {
        var world = await SeedAsync(DatabaseProvider.Sqlite);
        await using var fixture = world.Fixture;
        await using (var db = await fixture.ContextAsync())
        {
            foreach (var id in new[] { "t-a", "t-b", "t-c", "t-d", "t-e" })
            {
                await InvestigationSeed.ItemAsync(db, fixture.OrganizationId, "post", id, T0.AddDays(-4), """{"text":"same time"}""");
            }
        }

        var all = (await SearchAsync(world, new(), pageSize: 100)).Rows.Select(r => (r.ItemTypeId, r.ItemId)).ToList();
        var paged = new List<(string, string)>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await SearchAsync(world, new(), after: after, pageSize: 2);
            Assert.InRange(page.Rows.Count, 1, 2);
            paged.AddRange(page.Rows.Select(r => (r.ItemTypeId, r.ItemId)));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 20);

        Assert.Equal(11, all.Count);
        Assert.Equal(all, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.Equal(6, pages);
    }

    [Fact]
    public async Task A_text_search_reads_a_bounded_number_of_items_per_page_says_so_and_continues_from_there()
    {
        var world = await SeedAsync(DatabaseProvider.Sqlite);
        await using var fixture = world.Fixture;
        await using (var db = await fixture.ContextAsync())
        {
            for (var i = 0; i < InvestigationSearch.TextScanLimit + 5; i++)
            {
                var submission = Coop.Domain.Items.ItemSubmission.Accept(fixture.OrganizationId, $"bulk-{i}", "post", "v1", "original",
                    """{"text":"filler"}""", ItemRoleValues.None, "items", null, T0.AddMinutes(i + 1));
                submission.MarkProcessed(T0);
                db.Set<Coop.Domain.Items.ItemSubmission>().Add(submission);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            foreach (var submission in db.ChangeTracker.Entries<Coop.Domain.Items.ItemSubmission>().Select(e => e.Entity).ToList())
            {
                db.Set<Coop.Domain.Items.Item>().Add(Coop.Domain.Items.Item.FirstSeen(submission));
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var first = await SearchAsync(world, new(Text: "GIFT CARDS"));
        Assert.True(first.ScanLimited);
        Assert.Empty(first.Rows);
        Assert.NotNull(first.Next);
        var second = await SearchAsync(world, new(Text: "GIFT CARDS"), after: first.Next);
        Assert.False(second.ScanLimited);
        Assert.Equal(["p3", "p1"], second.Rows.Select(r => r.ItemId));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Searching_needs_the_investigation_permission()
    {
        var world = await SeedAsync(DatabaseProvider.Sqlite);
        await using var fixture = world.Fixture;
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ext@acme.test", DefaultRoles.ExternalModerator);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SearchAsync(world, new(), "ext@acme.test"));
    }

    [Fact]
    public void Filters_round_trip_through_the_query_string()
    {
        var filters = new InvestigationFilters("p 1/2", "post", "u&1", "user", "gift cards", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9), "spam", "remove", "ana");

        var query = filters.ToQueryString("cursor");

        Assert.StartsWith("?itemId=p%201%2F2&itemTypeId=post&userId=u%261", query, StringComparison.Ordinal);
        Assert.Contains("&from=2026-03-01&to=2026-03-09&", query, StringComparison.Ordinal);
        Assert.EndsWith("&after=cursor", query, StringComparison.Ordinal);
        Assert.Equal(filters, InvestigationFilters.FromQuery(query));
        Assert.Equal(string.Empty, new InvestigationFilters(Text: "  ").Normalized().ToQueryString());
    }
}
