using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Transfer;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Coop.Infrastructure.Persistence.Audit;
using Coop.Web.Features.Review.Decisions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Operations;

/// <summary>export-data / import-data: a SQLite install moves to PostgreSQL with every row, its audit chain, passwords and API keys.</summary>
[Trait("Category", "Integration")]
public sealed class DataTransferTests
{
    private const string Moderator = "mod@acme.test";

    [Fact]
    public async Task A_sqlite_install_moves_to_postgres_with_every_table_equal_and_still_works()
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(DatabaseProvider.Postgres), "PostgreSQL is not configured for this run.");
        var export = Path.Combine(TestSettings.NewTempDirectory(), "coop-export.zip");
        TransferManifest source;
        string apiKey;
        await using (var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite))
        {
            apiKey = fixture.Client.ApiKey;
            await SeedAsync(fixture);
            await using var file = File.Create(export);
            source = await ActivatorUtilities.CreateInstance<DataExporter>(fixture.App.Services).ExportAsync(file, TestContext.Current.CancellationToken);
        }

        Assert.Contains(source.Tables, t => t.Name == "AspNetUsers" && t.Rows >= 8);
        Assert.Contains(source.Tables, t => t.Name == "DataProtectionKeys" && t.Rows >= 1);
        Assert.Contains(source.Tables, t => t.Name == "AuditEntries" && t.Rows >= 3);

        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var migrated = new CoopAppFactory(target.Settings()))
        {
            // Started once so it migrates; then stopped, so nothing else writes while the import runs.
            _ = migrated.Services;
        }

        var cli = await CliProcess.RunAsync(target.Settings(), Path.GetDirectoryName(export)!, "import-data", "--from", export);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Contains("AspNetUsers\t", cli.StandardOutput, StringComparison.Ordinal);

        // Exported again by the CLI, which runs no scheduled jobs: a started app's roll-up job may build the daily
        // dashboard cells at once, which the source's had not yet done when it was exported.
        var reexport = Path.Combine(TestSettings.NewTempDirectory(), "coop-reexport.zip");
        var exported = await CliProcess.RunAsync(target.Settings(), Path.GetDirectoryName(reexport)!, "export-data", "--to", reexport);
        Assert.True(exported.ExitCode == 0, exported.All);
        TransferManifest copied;
        using (var zip = System.IO.Compression.ZipFile.OpenRead(reexport))
        {
            await using var manifest = zip.GetEntry(TransferManifest.EntryName)!.Open();
            copied = (await System.Text.Json.JsonSerializer.DeserializeAsync<TransferManifest>(manifest, cancellationToken: TestContext.Current.CancellationToken))!;
        }

        await using var app = new CoopAppFactory(target.Settings());

        Assert.Equal(source.Migration, copied.Migration);
        Assert.Equal(source.Tables.Select(t => (t.Name, t.Rows, t.Sha256)).OrderBy(t => t.Name), copied.Tables.Select(t => (t.Name, t.Rows, t.Sha256)).OrderBy(t => t.Name));
        var chain = await app.WithScopeAsync(s => s.GetRequiredService<AuditChainVerifier>().VerifyAsync(TestContext.Current.CancellationToken));
        Assert.True(chain.Intact, chain.Problem);

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(browser, Moderator, OrganizationBuilder.Password);
        using var platform = new PlatformClient(app.CreateClient(), apiKey);
        using var accepted = await platform.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "after-move", "typeId": "post", "data": { "text": "still here" } } ] }""");
        Assert.Equal(202, (int)accepted.StatusCode);
        using var refused = await platform.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "x", "typeId": "post", "data": { "text": "no" } } ] }""", key: "not-a-key");
        Assert.Equal(401, (int)refused.StatusCode);

        // A second import into the now non-empty database is refused before it writes.
        var twice = await CliProcess.RunAsync(target.Settings(), Path.GetDirectoryName(export)!, "import-data", "--from", export);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("not empty", twice.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_refuses_a_target_at_another_migration()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await using var file = new MemoryStream();
        var manifest = await ActivatorUtilities.CreateInstance<DataExporter>(fixture.App.Services).ExportAsync(file, TestContext.Current.CancellationToken);
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CoopAppFactory(target.Settings());
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")", TestContext.Current.CancellationToken);
        }

        file.Position = 0;
        var refused = await Assert.ThrowsAsync<TransferRefusedException>(() =>
            ActivatorUtilities.CreateInstance<DataImporter>(app.Services).ImportAsync(file, TestContext.Current.CancellationToken));
        Assert.Contains(manifest.Migration, refused.Message, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(ApiFixture fixture)
    {
        await fixture.App.WithScopeAsync(s => s.GetRequiredService<ICommandHandler<SeedDemoCommand, SeedDemoResult>>().HandleAsync(new SeedDemoCommand("demo password 1234")));
        var moderatorId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Moderator, DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var jobs = Enumerable.Range(1, 3).Select(i => ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", $"p{i}", JobSource.Report, now.AddMinutes(-i))).ToList();
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewQueues.Add(queue);
            db.ReviewJobs.AddRange(jobs);
            await db.SaveChangesAsync();
            var until = now.AddMinutes(10);
            await db.ReviewJobs.Where(j => j.QueueId == queue.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, moderatorId).SetProperty(j => j.ClaimExpiresAt, until));
        }

        foreach (var job in jobs.Take(2))
        {
            await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(job.Id, DecisionKind.Ignore)));
        }

        using var ingest = await fixture.Client.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "p1", "typeId": "post", "data": { "text": "hello" } } ] }""");
        Assert.Equal(202, (int)ingest.StatusCode);
        await fixture.WaitUntilAsync(async db => await db.Set<ItemSubmission>().AnyAsync());
    }
}
