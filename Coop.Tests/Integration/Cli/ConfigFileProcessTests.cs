using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Cli;

/// <summary><c>config export</c> and <c>config import</c> as an operator runs them: the real binary on a fresh SQLite database.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigFileProcessTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "CoopDocs", "config.json");

    [Fact]
    public async Task Export_to_standard_output_is_pure_json_even_when_a_console_log_sink_is_configured()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();

        // create-admin migrates the new database; its log lines must not reach stdout either.
        var admin = await CliProcess.RunAsync(database.Settings(), work, "create-admin", "--email", "ops@acme.example", "--password", "a long operator password", "--org", "Acme");
        Assert.True(admin.ExitCode == 0, admin.All);
        Assert.StartsWith("Created admin ops@acme.example in organization 'Acme'", Assert.Single(admin.StandardOutput.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Contains("Applying", admin.StandardError, StringComparison.Ordinal);

        // A Serilog:WriteTo console sink (as a deployment may configure) and chatty EF logging: all of it goes to stderr.
        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information",
        };
        var export = await CliProcess.RunAsync(settings, work, "config", "export", "--org", "Acme");

        Assert.True(export.ExitCode == 0, export.All);
        Assert.Contains("Executed DbCommand", export.StandardError, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(export.StandardOutput);
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        var userType = Assert.Single(document.RootElement.GetProperty("itemTypes").EnumerateArray());
        Assert.True(userType.GetProperty("isDefaultUserType").GetBoolean());
        Assert.StartsWith("{", export.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coop_docs_config_fixture_imports_into_a_fresh_database_with_its_ids()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();
        var admin = await CliProcess.RunAsync(database.Settings(), work, "create-admin", "--email", "ops@acme.example", "--password", "a long operator password", "--org", "Acme");
        Assert.True(admin.ExitCode == 0, admin.All);

        var import = await CliProcess.RunAsync(database.Settings(), work, "config", "import", Fixture);
        Assert.True(import.ExitCode == 0, import.All);
        Assert.Contains("item types 5 created, 0 updated, 0 unchanged; policies 3 created, 0 updated, 0 unchanged; actions 2 created, 0 updated, 0 unchanged",
            import.StandardOutput, StringComparison.Ordinal);
        var again = await CliProcess.RunAsync(database.Settings(), work, "config", "import", Fixture, "--org", "Acme");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("nothing changed", again.StandardOutput, StringComparison.Ordinal);

        await using var app = new CoopAppFactory(database.Settings());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var itemTypes = await db.ItemTypes.ToDictionaryAsync(t => t.Id, TestContext.Current.CancellationToken);
        Assert.Equal(["STRING", "NUMBER"], itemTypes["your-item-type-id"].Schema.Fields.Select(f => f.DisplayType));
        Assert.All(itemTypes["your-item-type-id"].Schema.Fields, f => Assert.True(f.Required));
        Assert.Equal(ItemTypeKind.Content, itemTypes["item-type-id"].Kind);
        Assert.Equal("content", Assert.Single(itemTypes["message-type-id"].Schema.Fields).Name);
        Assert.Equal(ItemTypeKind.User, itemTypes["reporter-user-type-id"].Kind);
        Assert.False(Assert.Single(itemTypes["appealer-user-type-id"].Schema.Fields).Required);
        Assert.Equal(6, itemTypes.Count);

        var policies = await db.Policies.ToDictionaryAsync(p => p.Id, TestContext.Current.CancellationToken);
        Assert.Equal(["policy-id-1", "policy-id-2", "violated-policy-id"], policies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("policy-id-1", policies["policy-id-2"].ParentId);
        var actions = await db.Actions.Where(a => a.ActionType == ActionType.CustomAction).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["action-id-1", "action-id-2"], actions.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.All(actions, a => Assert.StartsWith("https://platform.example/", a.CallbackUrl, StringComparison.Ordinal));

        // What the file says is what an export says back (ids, schemas), so the fixture is in the exported format.
        var export = await CliProcess.RunAsync(database.Settings(), work, "config", "export", "--org", "Acme");
        Assert.True(export.ExitCode == 0, export.All);
        var exported = JsonNode.Parse(export.StandardOutput)!["itemTypes"]!.AsArray().ToDictionary(t => (string)t!["id"]!);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(Fixture, TestContext.Current.CancellationToken))!["itemTypes"]!.AsArray();
        foreach (var type in written)
        {
            var back = exported[(string)type!["id"]!]!.DeepClone().AsObject();
            Assert.False((bool)back["isDefaultUserType"]!);
            back.Remove("isDefaultUserType");
            Assert.True(JsonNode.DeepEquals(type, back), $"{type["id"]} differs from its export: {back.ToJsonString()}");
        }
    }
}
