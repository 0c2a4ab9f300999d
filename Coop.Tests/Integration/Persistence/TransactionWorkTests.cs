using Coop.Domain.Audit;
using Coop.Domain.Dashboards;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Audit;
using Coop.Tests.Support;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Persistence;

/// <summary>
/// The writes a transaction saves for its commit (audit chain links, dashboard counter increments): written in the
/// transaction just before it commits, never without it, and not holding the shared rows while the rest of it runs.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TransactionWorkTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task What_a_transaction_saves_commits_with_it_in_order_and_a_transaction_left_uncommitted_leaves_nothing(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var hour = DashboardTime.HourOf(TimeProvider.System.GetUtcNow().UtcDateTime);
        AuditEntry Entry(string action) => AuditEntry.Record(org, null, "test", action, null, null, null, TimeProvider.System.GetUtcNow().UtcDateTime);
        CounterDelta Cell(string key) => new(org, DashboardSeries.QueueSkips, hour, key, string.Empty, 1);

        // One context, three transactions: the first is disposed without a commit, the second rolled back, the third commits.
        await using (var db = await factory.CreateDbContextAsync(Token))
        {
            await using (await db.Database.BeginTransactionAsync(Token))
            {
                db.AuditEntries.Add(Entry("test.abandoned"));
                Assert.Equal(1, await db.SaveChangesAsync(Token));
                await RollupWriter.ApplyAsync(db, [Cell("abandoned")], Token);
            }

            await using (var rolledBack = await db.Database.BeginTransactionAsync(Token))
            {
                db.AuditEntries.Add(Entry("test.rolled-back"));
                await db.SaveChangesAsync(Token);
                await RollupWriter.ApplyAsync(db, [Cell("rolled-back")], Token);
                await rolledBack.RollbackAsync(Token);
            }

            await using var committed = await db.Database.BeginTransactionAsync(Token);
            db.AuditEntries.Add(Entry("test.first"));
            await db.SaveChangesAsync(Token);
            await RollupWriter.ApplyAsync(db, [Cell("committed"), Cell("committed")], Token);
            db.AuditEntries.AddRange(Entry("test.second"), Entry("test.third"));
            await db.SaveChangesAsync(Token);
            await RollupWriter.ApplyAsync(db, [Cell("committed")], Token);

            // Nothing shared is written before the commit: another connection sees neither the entries nor the increments.
            await using (var other = await factory.CreateDbContextAsync(Token))
            {
                Assert.False(await other.AuditEntries.AnyAsync(a => a.Action.StartsWith("test."), Token));
            }

            await committed.CommitAsync(Token);
        }

        await using var read = await factory.CreateDbContextAsync(Token);
        var entries = await read.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("test.")).OrderBy(a => a.Sequence).ToListAsync(Token);
        Assert.Equal(["test.first", "test.second", "test.third"], entries.Select(a => a.Action));
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.Equal(entries[^1].Sequence, (await read.AuditChainHeads.AsNoTracking().SingleAsync(Token)).Sequence);
        var cells = await read.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == org && c.Series == DashboardSeries.QueueSkips)
            .ToDictionaryAsync(c => c.Key1, c => c.Value, Token);
        Assert.Equal(new Dictionary<string, long> { ["committed"] = 3 }, cells);
        var report = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Token);
        Assert.True(report.Intact, report.Problem);
    }

    [Fact]
    public async Task An_open_transaction_does_not_hold_the_audit_chain_or_the_hours_counters_until_it_commits()
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(DatabaseProvider.Postgres), "PostgreSQL is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var app = new CoopAppFactory(database.Settings());
        var org = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var hour = DashboardTime.HourOf(TimeProvider.System.GetUtcNow().UtcDateTime);
        AuditEntry Entry(string action) => AuditEntry.Record(org, null, "test", action, null, null, null, TimeProvider.System.GetUtcNow().UtcDateTime);
        var cell = new CounterDelta(org, DashboardSeries.QueueDecisions, hour, "queue", "Action", 1);

        // A reviewer's transaction has written its decision, its audit entry and its increment, and is still working.
        await using var slow = await factory.CreateDbContextAsync(Token);
        await using var slowTransaction = await slow.Database.BeginTransactionAsync(Token);
        slow.AuditEntries.Add(Entry("test.slow"));
        await slow.SaveChangesAsync(Token);
        await RollupWriter.ApplyAsync(slow, [cell], Token);

        // Another reviewer's whole decision goes through meanwhile (before, it waited on the head row and the cell until the first committed).
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(15));
            await using var fast = await factory.CreateDbContextAsync(limit.Token);
            await using var fastTransaction = await fast.Database.BeginTransactionAsync(limit.Token);
            fast.AuditEntries.Add(Entry("test.fast"));
            await fast.SaveChangesAsync(limit.Token);
            await RollupWriter.ApplyAsync(fast, [cell], limit.Token);
            await fastTransaction.CommitAsync(limit.Token);
        }

        await slowTransaction.CommitAsync(Token);

        await using var read = await factory.CreateDbContextAsync(Token);
        var entries = await read.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("test.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Token);
        Assert.Equal(["test.fast", "test.slow"], entries);
        Assert.Equal(2, await read.DashboardCounters.AsNoTracking()
            .Where(c => c.OrganizationId == org && c.Series == DashboardSeries.QueueDecisions && c.Key1 == "queue").SumAsync(c => c.Value, Token));
        Assert.True((await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Token)).Intact);
    }
}
