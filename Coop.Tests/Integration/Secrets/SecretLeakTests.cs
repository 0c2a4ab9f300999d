using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Integration.ChildSafety;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Administration.Sso;
using Coop.Web.Features.ChildSafety.Settings;
using Coop.Web.Features.Investigation.PartialItems;
using Coop.Web.Features.Rules.Integrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Coop.Tests.Integration.Secrets;

/// <summary>
/// Every stored secret (an action webhook header value, a partial-items header value, the CyberTipline password, the
/// SSO client secret, a classifier API key) set to a unique marker, saved and used for real (the webhook reaches a
/// loopback receiver with the header, the CyberTipline check logs in to the fake), then looked for everywhere it must not
/// be: every log event, every use-case result, the console pages, the API's answers, and the raw SQLite database file.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SecretLeakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stored_secrets_are_encrypted_at_rest_and_never_logged_or_returned()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        string Marker(string what) => $"leak-{what}-{run}";
        string[] markers = [Marker("header"), Marker("partial"), Marker("ncmec"), Marker("sso"), Marker("classifier")];
        var logs = new CapturingSink();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var tipline = await FakeCyberTipline.StartAsync();
        tipline.Password = Marker("ncmec");
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new()
            {
                ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
                ["Webhooks:BackoffBase"] = "00:00:00.100",
                ["Webhooks:PollInterval"] = "00:00:00.250",
                ["ChildSafety:Pipeline:TestBaseUrl"] = tipline.BaseAddress.ToString(),
                ["ChildSafety:Pipeline:ProductionBaseUrl"] = tipline.BaseAddress.ToString(),
                ["Serilog:MinimumLevel:Default"] = "Debug",
            },
            app => app.TestServices.Add(s => s.AddSingleton<ILogEventSink>(logs)));
        var app = fixture.App;
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        receiver.PublicKeyPem = await app.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        var returned = new List<string>();
        void Keep(object? result) => returned.Add(JsonSerializer.Serialize(result));

        // Save each secret through its use case.
        var action = await app.AsUserAsync(admin, s => s.SendAsync<CreateActionCommand, ActionView>(new CreateActionCommand(new ActionDefinitionDetails(
            "Ban", null, ["post"], receiver.UrlFor("/hooks/ban").ToString(), [new ActionHeaderInput("X-Platform-Token", Marker("header"))], null, false))));
        Keep(action);
        Keep(await app.AsUserAsync(admin, s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(
            new SavePartialItemsSettingsCommand(receiver.UrlFor("/partial").ToString(), [new ActionHeaderInput("X-Partial-Token", Marker("partial"))]))));
        Keep(await app.AsUserAsync(admin, s => s.SendAsync<SaveNcmecSettingsCommand, NcmecSettingsView>(new SaveNcmecSettingsCommand(
            NcmecScenario.Values(), new NcmecCredentialChange(tipline.Username, Marker("ncmec"))))));
        Keep(await app.AsUserAsync(admin, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(new SaveSsoSettingsCommand(
            false, SsoProviderKind.GenericOidc, "Acme SSO", "https://login.acme.example", null, null, "coop-client", Marker("sso"), false, null, [], null, false, null))));
        Keep(await app.AsUserAsync(admin, s => s.SendAsync<SaveIntegrationSettingsCommand, IntegrationView>(new SaveIntegrationSettingsCommand(
            "openai.moderation", new Dictionary<string, string?> { ["endpoint"] = receiver.UrlFor("/classify").ToString() }, new Dictionary<string, string?> { ["apiKey"] = Marker("classifier") }))));

        // Use them: the action's webhook carries the header; the CyberTipline check logs in with the password.
        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "p1", "typeId": "post", "data": { "text": "hello" } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await fixture.WaitForItemAsync("p1");
        using (var run1 = await fixture.Client.PostAsync("/api/v1/actions", $$"""{ "actionId": "{{action.Id}}", "itemId": "p1", "itemTypeId": "post" }"""))
        {
            returned.Add(await run1.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.Accepted, run1.StatusCode);
        }

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(Marker("header"), delivered.Headers["X-Platform-Token"]);
        var check = await app.AsUserAsync(admin, s => s.SendAsync<CheckNcmecConnectionCommand, NcmecConnectionCheck>(new CheckNcmecConnectionCommand(NcmecEnvironment.Test)));
        Assert.True(check.Succeeded, check.Message);
        Keep(check);

        // Read everything back the ways a user or platform can.
        Keep(await app.AsUserAsync(admin, s => s.AskAsync<GetActionQuery, ActionView?>(new GetActionQuery(action.Id))));
        Keep(await app.AsUserAsync(admin, s => s.AskAsync<GetPartialItemsSettingsQuery, PartialItemsSettingsView>(new GetPartialItemsSettingsQuery())));
        Keep(await app.AsUserAsync(admin, s => s.AskAsync<GetNcmecSettingsQuery, NcmecSettingsView>(new GetNcmecSettingsQuery())));
        Keep(await app.AsUserAsync(admin, s => s.AskAsync<GetSsoSettingsQuery, SsoSettingsView>(new GetSsoSettingsQuery())));
        Keep(await app.AsUserAsync(admin, s => s.AskAsync<ListIntegrationsQuery, IReadOnlyList<IntegrationView>>(new ListIntegrationsQuery())));
        using var console = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await FormSignIn.SignInAsync(console, admin, OrganizationBuilder.Password);
        foreach (var page in new[] { "/actions", "/actions/deliveries", "/settings/partial-items", "/settings/child-safety", "/settings/sso", "/settings/integrations", "/settings/audit/export.csv" })
        {
            using var response = await console.GetAsync(new Uri(page, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            returned.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        using (var policies = await fixture.Client.GetAsync("/api/v1/policies"))
        {
            returned.Add(await policies.Content.ReadAsStringAsync(Ct));
        }

        var database = await DatabaseTextAsync(app.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]!);
        foreach (var marker in markers)
        {
            Assert.False(logs.Text.Contains(marker, StringComparison.Ordinal), $"{marker} was logged");
            Assert.DoesNotContain(returned, r => r.Contains(marker, StringComparison.Ordinal));
            Assert.False(database.Contains(marker, StringComparison.Ordinal), $"{marker} is stored in plain text");
        }

        Assert.NotEmpty(logs.Text);
        await using var db = await fixture.ContextAsync();
        Assert.Contains("coop-protected:v1:", await ColumnAsync(db, "SELECT Headers FROM Actions WHERE Id = $id", action.Id), StringComparison.Ordinal);
    }

    /// <summary>The SQLite database file and its write-ahead log, after a checkpoint, as text.</summary>
    private static async Task<string> DatabaseTextAsync(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(FULL);";
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        var text = new StringBuilder();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    private static async Task<string> ColumnAsync(CoopDbContext db, string sql, string id)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Every log event the app writes (through Serilog's ReadFrom.Services), rendered with its properties and exception.</summary>
    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> events = new();

        public string Text => string.Join('\n', events);

        public void Emit(LogEvent logEvent)
        {
            var properties = string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
            events.Enqueue($"{logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {properties} {logEvent.Exception}");
        }
    }
}
