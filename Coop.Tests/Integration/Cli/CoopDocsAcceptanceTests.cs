using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Reports;
using Coop.Tests.Support;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Cli;

/// <summary>
/// Issue 3's "done when": a fresh install set up only with the CLI (create-admin, create-api-key, config import)
/// accepts the request bodies of Coop's own API documentation exactly as written.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CoopDocsAcceptanceTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "CoopDocs", name);

    [Fact]
    public async Task A_fresh_install_set_up_from_the_cli_accepts_the_examples_of_Coops_api_documentation_as_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = database.Settings();
        var work = TestSettings.NewTempDirectory();
        var admin = await CliProcess.RunAsync(settings, work, "create-admin", "--email", "ops@acme.example", "--password", "a long operator password", "--org", "Acme");
        Assert.True(admin.ExitCode == 0, admin.All);
        var key = await CliProcess.RunAsync(settings, work, "create-api-key", "--org", "Acme");
        Assert.True(key.ExitCode == 0, key.All);
        var import = await CliProcess.RunAsync(settings, work, "config", "import", Fixture("config.json"), "--org", "Acme");
        Assert.True(import.ExitCode == 0, import.All);

        await using var app = new CoopAppFactory(settings);
        using var client = new PlatformClient(app.CreateClient(), key.StandardOutput.Trim());
        async Task<HttpStatusCode> PostFixtureAsync(string path, string file)
        {
            using var response = await client.PostAsync(path, await File.ReadAllTextAsync(Fixture(file), TestContext.Current.CancellationToken));
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Accepted, await PostFixtureAsync("/api/v1/items/async/", "items.json"));
        Assert.Equal(HttpStatusCode.Created, await PostFixtureAsync("/api/v1/report", "report.json"));
        Assert.Equal(HttpStatusCode.NoContent, await PostFixtureAsync("/api/v1/report/appeal", "appeal.json"));
        using (var run = await client.PostAsync("/api/v1/actions", """{ "actionId": "action-id-1", "itemId": "item-that-was-actioned", "itemTypeId": "item-type-id", "policyIds": ["policy-id-1"] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        using var policies = await client.GetAsync("/api/v1/policies/");
        Assert.Equal(HttpStatusCode.OK, policies.StatusCode);
        var listed = JsonNode.Parse(await policies.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["policies"]!.AsArray();
        Assert.Equal(["policy-id-1", "policy-id-2", "violated-policy-id"], listed.Select(p => (string)p!["id"]!).Order(StringComparer.Ordinal));
        Assert.Equal("policy-id-1", (string?)listed.Single(p => (string)p!["id"]! == "policy-id-2")!["parentId"]);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.Set<Report>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("platform-internal-appeal-id", (await db.Set<Appeal>().SingleAsync(TestContext.Current.CancellationToken)).AppealId);
        Assert.Equal("action-id-1", (await db.ActionExecutions.SingleAsync(TestContext.Current.CancellationToken)).ActionId);
    }
}
