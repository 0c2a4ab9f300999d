using System.Security.Cryptography;
using System.Text;
using Coop.Domain.ApiKeys;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Cli;

[Trait("Category", "Integration")]
public sealed class CliVerbTests
{
    private const string Password = "a long operator password";

    [Fact]
    public async Task Create_admin_then_create_api_key_prints_the_key_once_and_stores_only_its_hash()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();
        var settings = database.Settings();

        var admin = await CliProcess.RunAsync(settings, work, "create-admin", "--email", "ops@acme.example", "--password", Password, "--org", "Acme");
        Assert.True(admin.ExitCode == 0, admin.All);
        Assert.Contains("Created admin ops@acme.example in organization 'Acme'", admin.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, admin.All, StringComparison.Ordinal);

        var first = await CliProcess.RunAsync(settings, work, "create-api-key", "--org", "Acme");
        var second = await CliProcess.RunAsync(settings, work, "create-api-key", "--org", "Acme", "--name", "rotated");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.All + second.All);

        var firstKey = first.StandardOutput.Trim();
        var secondKey = second.StandardOutput.Trim();
        Assert.Matches("^[0-9a-f]{64}$", firstKey);
        Assert.Matches("^[0-9a-f]{64}$", secondKey);
        Assert.NotEqual(firstKey, secondKey);
        Assert.DoesNotContain(firstKey, first.StandardError, StringComparison.Ordinal);

        await using var app = new CoopAppFactory(settings);
        var keys = await app.WithScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
            return await db.ApiKeys.OrderBy(k => k.CreatedAt).ToListAsync();
        });
        Assert.Equal(2, keys.Count);
        Assert.Equal(Sha256(firstKey), keys[0].KeyHash);
        Assert.Equal(ApiKey.Hash(secondKey), keys[1].KeyHash);
        Assert.False(keys[0].IsActive);
        Assert.True(keys[1].IsActive);
        Assert.Equal("rotated", keys[1].Name);
    }

    [Fact]
    public async Task Verbs_report_bad_input_with_an_error_and_a_non_zero_exit()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();

        var weak = await CliProcess.RunAsync(database.Settings(), work, "create-admin", "--email", "ops@acme.example", "--password", "short");
        var noOrg = await CliProcess.RunAsync(database.Settings(), work, "create-api-key", "--org", "Nobody");
        var missing = await CliProcess.RunAsync(database.Settings(), work, "create-admin", "--email", "ops@acme.example");

        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("at least 10 characters", weak.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, noOrg.ExitCode);
        Assert.Contains("No organization has the id or name 'Nobody'", noOrg.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--password", missing.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_creates_the_demo_organization_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();

        var first = await CliProcess.RunAsync(database.Settings(), work, "seed-demo", "--password", "demo password 123");
        var again = await CliProcess.RunAsync(database.Settings(), work, "seed-demo");

        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("admin@demo.coop", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("moderator@demo.coop", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already exists", again.StandardOutput, StringComparison.Ordinal);

        // The demo has work to do: its reports become review jobs once the console runs.
        await using var app = new CoopAppFactory(database.Settings());
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cts.Token);
            if (await db.ReviewJobs.CountAsync(cts.Token) == 10)
            {
                Assert.Equal(3, await db.Policies.CountAsync(cts.Token));
                Assert.Equal(2, await db.Actions.CountAsync(a => a.CallbackUrl != null, cts.Token));
                break;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task A_server_database_is_migrated_only_by_the_migrate_verb()
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(DatabaseProvider.Postgres), "PostgreSQL is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var work = TestSettings.NewTempDirectory();

        var refused = await CliProcess.RunAsync(database.Settings(), work);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("Run `Coop.Web migrate`", refused.All, StringComparison.Ordinal);

        var migrate = await CliProcess.RunAsync(database.Settings(), work, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.Contains("Postgres: applied", migrate.StandardOutput, StringComparison.Ordinal);

        var again = await CliProcess.RunAsync(database.Settings(), work, "migrate");
        Assert.Contains("Postgres: applied 0 migration(s)", again.StandardOutput, StringComparison.Ordinal);
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
