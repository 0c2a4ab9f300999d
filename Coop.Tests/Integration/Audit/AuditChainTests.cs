using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Audit;
using Coop.Tests.Support;
using Coop.Web.Features.Administration.Audit;
using Coop.Web.Features.Administration.OrganizationSettings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Audit;

/// <summary>The audit hash chain on real databases: parallel appends, tampering through raw SQL, transactions, the EF guard and <c>audit verify</c>.</summary>
[Trait("Category", "Integration")]
public sealed class AuditChainTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_writers_extend_one_chain_without_forking(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();

        const int writers = 8;
        const int rounds = 12;
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            start.Wait(Token);
            for (var i = 0; i < rounds; i++)
            {
                await using var db = await factory.CreateDbContextAsync(Token);
                db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.parallel", "writer", $"{w}", $"{w}/{i}", TimeProvider.System.GetUtcNow().UtcDateTime));
                if (i % 3 == 0)
                {
                    // Several entries in one save are chained one after the other.
                    db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.parallel", "writer", $"{w}", $"{w}/{i}b", TimeProvider.System.GetUtcNow().UtcDateTime));
                }

                await db.SaveChangesAsync(Token);
            }
        }, Token)).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        await using var read = await factory.CreateDbContextAsync(Token);
        var chain = await read.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).ToListAsync(Token);
        Assert.Equal(writers * (rounds + 4), chain.Count(a => a.Action == "test.parallel"));
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(a => a.Sequence));
        Assert.Equal(AuditHash.Genesis, chain[0].PreviousHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var head = await read.AuditChainHeads.AsNoTracking().SingleAsync(Token);
        Assert.Equal((chain.Count, chain[^1].Hash), (head.Sequence, head.Hash));

        var report = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Token);
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(chain.Count, report.Checked);
    }

    [Theory]
    [InlineData("edit", 3L, "was edited")]
    [InlineData("delete", 4L, "are missing")]
    [InlineData("reorder", 2L, "does not link")]
    [InlineData("delete-newest", 6L, "newest entries were removed")]
    public async Task Verification_finds_the_first_entry_tampered_with_in_the_database(string tamper, long brokenSequence, string problem)
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Token);
        var existing = await db.AuditEntries.CountAsync(Token);
        for (var i = existing; i < 6; i++)
        {
            db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.entry", null, null, $"entry {i}", TimeProvider.System.GetUtcNow().UtcDateTime));
        }

        await db.SaveChangesAsync(Token);
        var verifier = app.Services.GetRequiredService<AuditChainVerifier>();
        Assert.True((await verifier.VerifyAsync(Token)).Intact);

        var sql = tamper switch
        {
            "edit" => """UPDATE "AuditEntries" SET "Details" = 'nothing to see' WHERE "Sequence" = 3""",
            "delete" => """DELETE FROM "AuditEntries" WHERE "Sequence" = 3""",
            "reorder" => """
                UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Sequence" = 2;
                UPDATE "AuditEntries" SET "Sequence" = 2 WHERE "Sequence" = 3;
                UPDATE "AuditEntries" SET "Sequence" = 3 WHERE "Sequence" = -1;
                """,
            _ => """DELETE FROM "AuditEntries" WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")""",
        };
        await db.Database.ExecuteSqlRawAsync(sql, Token);

        var report = await verifier.VerifyAsync(Token);
        Assert.False(report.Intact);
        Assert.Equal(brokenSequence, report.BrokenSequence);
        Assert.Contains(problem, report.Problem, StringComparison.Ordinal);

        // The daily check raises the alarm in the organization's own log and on the audit page.
        await app.Services.GetRequiredService<AuditChainCheck>().RunAsync(Token);
        await using var read = await factory.CreateDbContextAsync(Token);
        var alarm = await read.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "audit.chain-broken", Token);
        Assert.Equal((organizationId, report.Problem), (alarm.OrganizationId, alarm.Details));
        var head = await read.AuditChainHeads.AsNoTracking().SingleAsync(Token);
        Assert.Equal((false, report.Problem), (head.LastVerifiedIntact, head.LastVerificationProblem));
    }

    [Fact]
    public async Task Entries_cannot_be_edited_or_deleted_through_the_product()
    {
        await using var app = new CoopAppFactory();
        await OrganizationBuilder.CreateAsync(app, "Acme");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync(Token);
        var entry = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync(Token);

        db.Entry(entry).Property(e => e.Details).CurrentValue = "rewritten";
        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));
        Assert.Contains("cannot be edited or deleted", edit.Message, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.OrderBy(a => a.Id).FirstAsync(Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));
        Assert.True((await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Token)).Intact);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_entry_commits_with_its_change_or_not_at_all(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await OrganizationBuilder.CreateAsync(app, "Other");
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        long HeadOf(CoopDbContext db) => db.AuditChainHeads.AsNoTracking().Single().Sequence;

        await using (var db = await factory.CreateDbContextAsync(Token))
        {
            var headBefore = HeadOf(db);

            // The change fails (a second organization called "Other"): its audit entry is not written and the chain does not move.
            db.Organizations.Add(Organization.Create("Other", "x@other.example", null, TimeProvider.System.GetUtcNow().UtcDateTime));
            db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.failed-change", null, null, null, TimeProvider.System.GetUtcNow().UtcDateTime));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
            db.ChangeTracker.Clear();
            Assert.Equal(headBefore, HeadOf(db));

            // A caller's own transaction that rolls back takes the entry and the head move with it.
            await using (var transaction = await db.Database.BeginTransactionAsync(Token))
            {
                db.AuditEntries.Add(AuditEntry.Record(organizationId, null, "test", "test.rolled-back", null, null, null, TimeProvider.System.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(Token);
                await transaction.RollbackAsync(Token);
            }

            db.ChangeTracker.Clear();
            Assert.Equal(headBefore, HeadOf(db));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "test.failed-change" || a.Action == "test.rolled-back", Token));
        }

        // A committed change has its entry, with the state before and after.
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        await app.AsUserAsync(admin, s => s.SendAsync<UpdateOrganizationCommand, OrganizationSettingsView>(
            new UpdateOrganizationCommand("Acme Social", "tns@acme.example", "https://acme.example", "oncall@acme.example")));
        await using (var db = await factory.CreateDbContextAsync(Token))
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "organization.updated", Token);
            Assert.Equal(admin, entry.Actor);
            Assert.Contains("\"Name\":\"Acme\"", entry.Before, StringComparison.Ordinal);
            Assert.Contains("\"Name\":\"Acme Social\"", entry.After, StringComparison.Ordinal);
            Assert.Equal("Acme Social", (await db.Organizations.SingleAsync(o => o.Id == organizationId, Token)).Name);
            Assert.Equal(entry.Sequence, HeadOf(db));
        }

        Assert.True((await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(Token)).Intact);
    }

    [Fact]
    public async Task Audit_verify_exits_zero_on_an_intact_chain_and_names_the_first_broken_entry_otherwise()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();
        var settings = database.Settings();
        var admin = await CliProcess.RunAsync(settings, work, "create-admin", "--email", "ops@acme.example", "--password", "correct horse battery", "--org", "Acme");
        Assert.True(admin.ExitCode == 0, admin.All);

        var intact = await CliProcess.RunAsync(settings, work, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.All);
        Assert.Contains("The audit chain is intact", intact.StandardOutput, StringComparison.Ordinal);

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "AuditEntries" SET "Actor" = 'someone else' WHERE "Sequence" = 1""";
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Token));
        }

        var broken = await CliProcess.RunAsync(settings, work, "audit", "verify");
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("BROKEN", broken.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(sequence 1,", broken.StandardOutput, StringComparison.Ordinal);
    }
}
