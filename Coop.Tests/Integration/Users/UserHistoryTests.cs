using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Users;

namespace Coop.Tests.Integration.Users;

/// <summary>
/// The user history query on a real database: every section gathers the user's own rows and their items' rows, newest
/// first, pages without gaps or repeats, never shows another organization's rows, and hides child-safety decisions,
/// actions and reports from reviewers without child-safety access.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UserHistoryTests
{
    private static readonly ItemIdentifier U1 = UserHistorySeed.U1;
    private static readonly ItemIdentifier U2 = new("u2", "user");

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_users_history_holds_their_items_reports_decisions_actions_strikes_and_appeals_newest_first_and_only_their_organizations(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "mod@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "cs@acme.test", DefaultRoles.ChildSafetyModerator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "vendor@acme.test", DefaultRoles.ExternalModerator);
        var other = await OrganizationBuilder.CreateAsync(fixture.App, "Other", DefaultRoles.Moderator);
        var expected = await SeedAsync(fixture, other);

        var summary = await AskAsync<GetUserHistorySummaryQuery, UserHistorySummary?>(fixture, "mod@acme.test", new GetUserHistorySummaryQuery("user", "u1"));
        Assert.NotNull(summary);
        Assert.Equal(("Gift Card Gary", "Member", true), (summary.DisplayName, summary.UserTypeName, summary.Received));
        Assert.Equal(2, summary.ActiveStrikes);
        Assert.Equal(
            new Dictionary<UserHistorySection, int>
            {
                [UserHistorySection.Items] = 5, [UserHistorySection.ReportsAgainst] = 2, [UserHistorySection.ReportsBy] = 1,
                [UserHistorySection.Decisions] = 2, [UserHistorySection.Actions] = 2, [UserHistorySection.Strikes] = 3, [UserHistorySection.Appeals] = 2,
            },
            summary.Counts);

        foreach (var (section, ids) in expected.ForModerator)
        {
            var all = await AllAsync(fixture, "mod@acme.test", section, 500);
            Assert.Equal(ids, all.Select(e => e.Id));
            Assert.Equal(all.Select(e => e.At).OrderDescending(), all.Select(e => e.At));
            var paged = await AllAsync(fixture, "mod@acme.test", section, 2);
            Assert.Equal(ids, paged.Select(e => e.Id));
        }

        var strikes = await AllAsync(fixture, "mod@acme.test", UserHistorySection.Strikes, 500);
        Assert.Equal([true, false, false], strikes.Select(s => s.Active!.Value));
        Assert.All(strikes, s => Assert.NotNull(s.ExpiresAt));
        Assert.Contains("Expired", strikes[1].Detail, StringComparison.Ordinal);
        Assert.Contains("Removed", strikes[2].Detail, StringComparison.Ordinal);
        Assert.Equal(U1, (await AllAsync(fixture, "mod@acme.test", UserHistorySection.ReportsBy, 10)).Single().Person);

        // Child-safety reviewers see the NCMEC decision, the action it ran and the CSAM report as well.
        foreach (var (section, ids) in expected.ForChildSafety)
        {
            Assert.Equal(ids, (await AllAsync(fixture, "cs@acme.test", section, 2)).Select(e => e.Id));
        }

        Assert.Null(await AskAsync<GetUserHistorySummaryQuery, UserHistorySummary?>(fixture, "mod@acme.test", new GetUserHistorySummaryQuery("post", "p1")));
        Assert.Null(await AskAsync<ListUserHistoryQuery, UserHistorySlice?>(fixture, OrganizationBuilder.EmailFor("Other", DefaultRoles.Moderator),
            new ListUserHistoryQuery("user", "u1", UserHistorySection.Items)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            AskAsync<GetUserHistorySummaryQuery, UserHistorySummary?>(fixture, "vendor@acme.test", new GetUserHistorySummaryQuery("user", "u1")));
    }

    internal static async Task<List<UserHistoryEntry>> AllAsync(ApiFixture fixture, string email, UserHistorySection section, int pageSize)
    {
        var entries = new List<UserHistoryEntry>();
        UserHistoryCursor? after = null;
        do
        {
            var page = await AskAsync<ListUserHistoryQuery, UserHistorySlice?>(fixture, email, new ListUserHistoryQuery("user", "u1", section, after, pageSize));
            Assert.NotNull(page);
            Assert.True(page.Entries.Count <= pageSize);
            Assert.True(page.Next is null || page.Entries.Count == pageSize);
            Assert.DoesNotContain(page.Entries, e => entries.Any(seen => seen.Id == e.Id));
            entries.AddRange(page.Entries);
            after = page.Next;
        }
        while (after is not null);

        return entries;
    }

    private static Task<TResult> AskAsync<TQuery, TResult>(ApiFixture fixture, string email, TQuery query)
        where TQuery : notnull =>
        fixture.App.AsUserAsync(email, s => s.AskAsync<TQuery, TResult>(query));

    private sealed record Expected(Dictionary<UserHistorySection, string[]> ForModerator, Dictionary<UserHistorySection, string[]> ForChildSafety);

    private static async Task<Expected> SeedAsync(ApiFixture fixture, string otherOrganization)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var t = now.AddDays(-1);
        await using var db = await fixture.ContextAsync();
        var standard = ReviewQueue.Create(fixture.OrganizationId, "History reports", null, QueueKind.Standard, QueueOrdering.Age, false, t);
        var ncmec = ReviewQueue.Create(fixture.OrganizationId, "History NCMEC", null, QueueKind.Ncmec, QueueOrdering.Age, false, t);
        db.AddRange(standard, ncmec);
        var seed = new UserHistorySeed(db, fixture.OrganizationId);
        seed.Item("user", "u1", t, displayName: "Gift Card Gary");
        seed.Item("user", "u2", t);
        for (var i = 0; i < 5; i++)
        {
            seed.Item("post", $"p{i}", t.AddMinutes(i), U1);
        }

        seed.Item("post", "px", t.AddMinutes(10), U2);
        await seed.SaveAsync();

        var reportP1 = seed.Report("post", "p1", new("r1", "user"), t.AddMinutes(20), "spam");
        var reportU1 = seed.Report("user", "u1", new("r2", "user"), t.AddMinutes(21), "impersonation");
        var reportCsam = seed.Report("post", "p2", new("r3", "user"), t.AddMinutes(22), csam: true);
        seed.Report("post", "px", new("r1", "user"), t.AddMinutes(23));
        var reportBy = seed.Report("post", "px", U1, t.AddMinutes(24), "they copy me");
        var d1 = seed.Decision(standard, "post", "p1", DecisionKind.Action, t.AddMinutes(30), "clear scam");
        var d2 = seed.Decision(standard, "user", "u1", DecisionKind.Ignore, t.AddMinutes(31));
        var d3 = seed.Decision(ncmec, "post", "p2", DecisionKind.Action, t.AddMinutes(32));
        seed.Decision(standard, "post", "px", DecisionKind.Ignore, t.AddMinutes(33));
        var a1 = seed.Action("post", "p1", t.AddMinutes(40), U1, d1.JobId);
        var a2 = seed.Action("user", "u1", t.AddMinutes(41), U1);
        var a3 = seed.Action("post", "p2", t.AddMinutes(42), U1, d3.JobId);
        seed.Action("post", "px", t.AddMinutes(43), U2);
        var active = seed.Strike(U1, now.AddHours(-1), TimeSpan.FromDays(30), weight: 2);
        var expired = seed.Strike(U1, now.AddDays(-100), TimeSpan.FromDays(10));
        var removed = seed.Strike(U1, now.AddDays(-101), TimeSpan.FromDays(300));
        removed.Remove(now.AddDays(-50));
        seed.Strike(U2, now, TimeSpan.FromDays(30));
        var appealBy = seed.Appeal("ap1", U1, "post", "p1", t.AddMinutes(50));
        var appealOn = seed.Appeal("ap2", new("friend", "user"), "user", "u1", t.AddMinutes(51));
        seed.Appeal("ap3", U2, "post", "px", t.AddMinutes(52));

        // The same user ids in another organization: none of this may show in Acme.
        var otherQueue = ReviewQueue.Create(otherOrganization, "History reports", null, QueueKind.Standard, QueueOrdering.Age, false, t);
        db.Add(otherQueue);
        var foreign = new UserHistorySeed(db, otherOrganization);
        foreign.Item("user", "u1", t.AddMinutes(60), displayName: "Someone Else");
        foreign.Item("post", "p1", t.AddMinutes(61), U1);
        foreign.Item("post", "p9", t.AddMinutes(62), U1);
        foreign.Report("post", "p1", new("r1", "user"), t.AddMinutes(63));
        foreign.Report("user", "u1", U1, t.AddMinutes(64));
        foreign.Decision(otherQueue, "post", "p1", DecisionKind.Ignore, t.AddMinutes(65));
        foreign.Action("user", "u1", t.AddMinutes(66), U1);
        foreign.Strike(U1, now, TimeSpan.FromDays(30), weight: 5);
        foreign.Appeal("ap9", U1, "post", "p1", t.AddMinutes(67));
        await foreign.SaveAsync();

        var moderator = new Dictionary<UserHistorySection, string[]>
        {
            [UserHistorySection.Items] = ["post/p4", "post/p3", "post/p2", "post/p1", "post/p0"],
            [UserHistorySection.ReportsAgainst] = [reportU1.Id, reportP1.Id],
            [UserHistorySection.ReportsBy] = [reportBy.Id],
            [UserHistorySection.Decisions] = [d2.JobId, d1.JobId],
            [UserHistorySection.Actions] = [a2.Id, a1.Id],
            [UserHistorySection.Strikes] = [.. new[] { active, expired, removed }.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [UserHistorySection.Appeals] = [appealOn.Id, appealBy.Id],
        };
        var childSafety = new Dictionary<UserHistorySection, string[]>
        {
            [UserHistorySection.ReportsAgainst] = [reportCsam.Id, reportU1.Id, reportP1.Id],
            [UserHistorySection.Decisions] = [d3.JobId, d2.JobId, d1.JobId],
            [UserHistorySection.Actions] = [a3.Id, a2.Id, a1.Id],
        };
        return new Expected(moderator, childSafety);
    }
}
