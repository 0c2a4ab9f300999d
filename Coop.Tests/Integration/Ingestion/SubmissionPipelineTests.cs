using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Ingestion.Submissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Ingestion;

/// <summary>Accepted submissions are committed before the caller is released, and processed later — even after a restart.</summary>
[Trait("Category", "Integration")]
public sealed class SubmissionPipelineTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_writes_are_group_committed_and_processed_into_item_history(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var writer = app.Services.GetRequiredService<SubmissionWriter>();

        var writes = Enumerable.Range(0, 40).Select(i => writer.WriteAsync(db => db.Add(Submission(organizationId, $"post-{i % 10}", $"user-{i % 3}")),
            TestContext.Current.CancellationToken));
        await Task.WhenAll(writes);

        await WaitUntilAsync(app, async db => await db.Set<ItemSubmission>().CountAsync(s => s.ProcessedAt == null) == 0);
        await using var check = await NewContextAsync(app);
        Assert.Equal(40, await check.Set<ItemSubmission>().CountAsync(TestContext.Current.CancellationToken));
        var items = await check.Set<Item>().OrderBy(i => i.ItemId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.Equal(4, i.SubmissionCount));
        var latest = await check.Set<ItemSubmission>().Where(s => s.ItemId == "post-3").MaxAsync(s => s.Id, TestContext.Current.CancellationToken);
        Assert.Equal(latest, items.Single(i => i.ItemId == "post-3").LatestSubmissionId);
        Assert.Equal(14, await check.Set<ItemSubmission>().CountAsync(s => s.CreatorId == "user-0" && s.CreatorTypeId == "user-type", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submissions_committed_before_a_crash_are_processed_after_the_restart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var stopped = new Dictionary<string, string?>(database.Settings()) { ["Ingestion:ProcessingEnabled"] = "false" };
        string organizationId;
        await using (var first = new CoopAppFactory(stopped))
        {
            organizationId = await OrganizationBuilder.CreateAsync(first, "Acme", DefaultRoles.Admin);
            await first.Services.GetRequiredService<SubmissionWriter>()
                .WriteAsync(db => db.AddRange(Submission(organizationId, "a", "u"), Submission(organizationId, "b", "u")), TestContext.Current.CancellationToken);
            await using var db = await NewContextAsync(first);
            Assert.Equal(2, await db.Set<ItemSubmission>().CountAsync(s => s.ProcessedAt == null, TestContext.Current.CancellationToken));
        }

        await using var second = new CoopAppFactory(database.Settings());
        await WaitUntilAsync(second, async db => await db.Set<Item>().CountAsync() == 2);
        await using var check = await NewContextAsync(second);
        Assert.Equal(0, await check.Set<ItemSubmission>().CountAsync(s => s.ProcessedAt == null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failing_request_does_not_sink_the_others_sharing_its_commit()
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var writer = app.Services.GetRequiredService<SubmissionWriter>();

        var good = Enumerable.Range(0, 10).Select(i => writer.WriteAsync(db => db.Add(Submission(organizationId, $"ok-{i}", "u")), TestContext.Current.CancellationToken)).ToList();
        var bad = writer.WriteAsync(db => db.Add(Submission("no-such-org", "x", "u")), TestContext.Current.CancellationToken);

        await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => bad);
        await using var check = await NewContextAsync(app);
        Assert.Equal(10, await check.Set<ItemSubmission>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_whose_processing_fails_is_undone_and_waits_out_its_lease_before_it_is_tried_again(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(database.Settings()) { ["Ingestion:ProcessingEnabled"] = "false" };
        await using var app = new CoopAppFactory(settings);
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var processor = app.Services.GetRequiredService<SubmissionProcessor>();
        await using (var db = await NewContextAsync(app))
        {
            // A real failure inside the processing transaction: the database refuses the poisoned item's first row.
            foreach (var statement in provider == DatabaseProvider.Sqlite
                         ? ["CREATE TRIGGER poison BEFORE INSERT ON \"Items\" WHEN NEW.\"ItemId\" = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"]
                         : new[]
                         {
                             "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"ItemId\" = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$",
                             "CREATE TRIGGER poison BEFORE INSERT ON \"Items\" FOR EACH ROW EXECUTE FUNCTION poison()",
                         })
            {
                await db.Database.ExecuteSqlRawAsync(statement, ct);
            }
        }

        await app.Services.GetRequiredService<SubmissionWriter>()
            .WriteAsync(db => db.AddRange(Submission(organizationId, "fine", "u"), Submission(organizationId, "poison", "u")), ct);
        var before = TimeProvider.System.GetUtcNow();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => processor.ProcessBatchAsync(ct));

        // Nothing of the batch was kept (not even the good row's item), and both rows are leased for ProcessingLease (2 min).
        await using (var db = await NewContextAsync(app))
        {
            Assert.Equal(0, await db.Set<Item>().CountAsync(ct));
            var rows = await db.Set<ItemSubmission>().AsNoTracking().ToListAsync(ct);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Null(r.ProcessedAt));
            Assert.All(rows, r => Assert.InRange(r.LeaseUntil!.Value, before.UtcDateTime.AddSeconds(100), before.UtcDateTime.AddSeconds(140)));
        }

        // Leased: the next batch does not pick them up at once.
        Assert.Equal(0, await processor.ProcessBatchAsync(ct));

        // Once the lease has run out (moved into the past here) and the cause is gone, they are processed.
        await using (var db = await NewContextAsync(app))
        {
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? "DROP TRIGGER poison" : "DROP TRIGGER poison ON \"Items\"", ct);
            await db.Set<ItemSubmission>().ExecuteUpdateAsync(u => u.SetProperty(x => x.LeaseUntil, DateTime.UnixEpoch.AddYears(50)), ct);
        }

        Assert.Equal(2, await processor.ProcessBatchAsync(ct));
        await using var check = await NewContextAsync(app);
        Assert.Equal(["fine", "poison"], await check.Set<Item>().OrderBy(i => i.ItemId).Select(i => i.ItemId).ToListAsync(ct));
        Assert.Equal(0, await check.Set<ItemSubmission>().CountAsync(x => x.ProcessedAt == null || x.LeaseUntil != null, ct));
    }

    private static ItemSubmission Submission(string organizationId, string itemId, string creator) =>
        ItemSubmission.Accept(organizationId, itemId, "post-type", "2026-01-01T00:00:00.000Z", "original", "{\"text\":\"hi\"}",
            ItemRoleValues.None with { Creator = new ItemIdentifier(creator, "user-type") }, "items", "test:1", DateTime.UnixEpoch.AddYears(56));

    private static async Task<CoopDbContext> NewContextAsync(CoopAppFactory app) =>
        await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();

    private static async Task WaitUntilAsync(CoopAppFactory app, Func<CoopDbContext, Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = await NewContextAsync(app))
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
