using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Organizations;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Administration.Roles;
using Coop.Web.Features.Administration.Sso;
using Coop.Web.Features.ChildSafety.Settings;
using Coop.Web.Features.Configuration;
using Coop.Web.Features.Investigation.PartialItems;
using Coop.Web.Features.Review.Settings;
using Coop.Web.Features.Strikes;
using Coop.Web.Features.Wellness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Configuration;

/// <summary>
/// Roles, single sign-on, the settings tabs and child safety in configuration files: a round trip between installs,
/// secrets never exported, SSO without a secret imported off with a warning, every problem reported with its pointer
/// and nothing written, and a dry run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfigAdministrationImportTests
{
    private const string SetUpFile = """
        { "version": 1,
          "policies": [ { "id": "spam", "name": "Spam" } ],
          "actions": [
            { "id": "remove", "name": "Remove", "callbackUrl": "https://hooks.acme.example/remove" },
            { "id": "restore", "name": "Restore", "callbackUrl": "https://hooks.acme.example/restore" },
            { "id": "ban", "name": "Ban", "callbackUrl": "https://hooks.acme.example/ban" } ] }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Roles_sso_settings_and_child_safety_move_to_a_fresh_organization_and_export_back_the_same(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var stagingDatabase = await TestDatabase.CreateAsync(provider);
        await using var productionDatabase = await TestDatabase.CreateAsync(provider);
        await using var staging = new CoopAppFactory(stagingDatabase.Settings());
        await using var production = new CoopAppFactory(productionDatabase.Settings());
        await OrganizationBuilder.CreateAsync(staging, "Staging", DefaultRoles.Admin, DefaultRoles.Moderator);
        var productionId = await OrganizationBuilder.CreateAsync(production, "Production", DefaultRoles.Admin);
        var customRoleKey = await SetUpEverythingAsync(staging, "Staging", secrets: false);

        var file = Serialize(await ExportAsync(staging, "Staging"));
        var result = await ImportAsync(production, file, "Production");

        Assert.Equal(new ImportCounts(1, 1, 6), result.Roles); // the custom role; Moderator renamed; the other system roles
        Assert.Equal(["single sign-on", "review console", "appeals", "strikes", "wellness", "partial items", "child safety"], result.SettingsChanged);
        Assert.Equal(2, result.Warnings!.Count);
        Assert.StartsWith("/sso: Single sign-on was imported turned off", result.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("/ncmec: CyberTipline credentials are never imported", result.Warnings[1], StringComparison.Ordinal);
        Assert.Contains("settings changed: single sign-on, review console, appeals, strikes, wellness, partial items, child safety",
            ImportConfigurationHandler.Describe(result), StringComparison.Ordinal);

        await using (var db = await ContextAsync(production))
        {
            var role = await db.Roles.SingleAsync(r => r.OrganizationId == productionId && r.Key == customRoleKey, Token);
            Assert.Equal(("Triage lead", false), (role.Name, role.IsSystem));
            Assert.Equal([Permissions.ViewMrt, Permissions.ViewMrtData], (await db.RoleClaims.Where(c => c.RoleId == role.Id).Select(c => c.ClaimValue).ToListAsync(Token)).Order());
            var sso = await db.SingleSignOnSettings.SingleAsync(s => s.OrganizationId == productionId, Token);
            Assert.Equal((false, false, "https://login.acme.example/", role.Id, (string?)null), (sso.Enabled, sso.SsoOnly, sso.Authority, sso.DefaultRoleId, sso.ProtectedClientSecret));
            var ncmec = await db.NcmecSettings.SingleAsync(s => s.OrganizationId == productionId, Token);
            Assert.Equal(("cybertips@acme.example", (string?)null), (ncmec.ReporterEmail, ncmec.ProtectedTestCredentials));
            Assert.Equal(180, (await db.Organizations.SingleAsync(o => o.Id == productionId, Token)).StrikeTtlDays);
            var actions = await db.AuditEntries.Where(a => a.OrganizationId == productionId).Select(a => a.Action).ToListAsync(Token);
            foreach (var action in new[] { "role.created", "role.updated", "sso.updated", "review-settings.updated", "appeal-settings.updated", "strike-thresholds.updated",
                "wellness.updated", "partial-items.updated", "ncmec-settings.updated", "config.imported" })
            {
                Assert.Contains(action, actions);
            }
        }

        // Exported back: the same roles, settings and child safety; single sign-on the same but turned off (no secret here).
        var source = JsonNode.Parse(file)!.AsObject();
        var back = JsonNode.Parse(Serialize(await ExportAsync(production, "Production")))!.AsObject();
        foreach (var section in new[] { "roles", "settings", "ncmec", "policies", "outboundAllowList" })
        {
            Assert.True(JsonNode.DeepEquals(source[section], back[section]), $"{section} differs:\n{source[section]?.ToJsonString()}\n{back[section]?.ToJsonString()}");
        }

        var expectedSso = source["sso"]!.DeepClone().AsObject();
        Assert.True((bool)expectedSso["enabled"]!);
        expectedSso["enabled"] = false;
        Assert.True(JsonNode.DeepEquals(expectedSso, back["sso"]), $"sso differs:\n{expectedSso.ToJsonString()}\n{back["sso"]?.ToJsonString()}");

        // Importing the same file again changes nothing (single sign-on stays off, with the warning again).
        var again = await ImportAsync(production, file, "Production");
        Assert.True(again.ChangedNothing, ImportConfigurationHandler.Describe(again));
        Assert.Equal(2, again.Warnings!.Count);
    }

    [Fact]
    public async Task No_secret_is_ever_in_an_export()
    {
        await using var app = new CoopAppFactory();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        await SetUpEverythingAsync(app, "Acme", secrets: true);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        await app.AsUserAsync(admin, s => s.SendAsync<CreateActionCommand, ActionView>(new CreateActionCommand(new ActionDefinitionDetails(
            "Escalate", null, [], "https://hooks.acme.example/escalate", [new ActionHeaderInput("X-Action-Key", "action-secret-1")], null, false))));

        var json = Serialize(await ExportAsync(app, "Acme"));

        foreach (var secret in new[] { "action-secret-1", "appeal-secret-2", "partial-secret-3", "sso-secret-4", "ncmec-user-5", "ncmec-secret-6" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("credential", json.Replace("CyberTipline credentials", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var document = JsonNode.Parse(json)!;
        Assert.Equal("""[{"name":"X-Appeal-Key","value":null}]""", document["settings"]!["reviewConsole"]!["appealCallbackHeaders"]!.ToJsonString());
        Assert.Equal("""[{"name":"X-Partial-Key","value":null}]""", document["settings"]!["partialItems"]!["headers"]!.ToJsonString());
        Assert.Null(document["sso"]!["clientSecret"]);
        Assert.True((bool)document["sso"]!["enabled"]!);
    }

    [Fact]
    public async Task Every_problem_is_reported_with_its_pointer_and_nothing_is_written()
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var file = """
            { "version": 1,
              "policies": [ { "id": "spam", "name": "Spam" } ],
              "roles": [
                { "key": "lower case", "name": "Lower" },
                { "key": "ADMIN", "name": "Admin", "permissions": [ "MANAGE_ORG" ] },
                { "key": "CUSTOM_TRIAGE", "name": "Moderator", "permissions": [ "VIEW_MRT", "FLY" ] } ],
              "sso": { "enabled": true, "providerKind": "GENERIC_OIDC", "authority": "not a url", "clientId": "coop", "defaultRole": "JANITOR" },
              "settings": {
                "reviewConsole": { "ignoreCallbackUrl": "ftp://hooks.acme.example/x" },
                "appeals": { "enabled": true, "undoActions": [ { "appealedActionId": "no-such-action", "undoActionId": "no-such-action-either" } ] },
                "strikes": { "strikeTtlDays": 0, "thresholds": [ { "threshold": 0, "actionIds": [] } ] },
                "wellness": { "blurLevel": 9, "tone": "Neon" },
                "partialItems": { "endpoint": "https://platform.acme.example/items", "headers": [ { "name": "X-Key", "value": null } ] } },
              "ncmec": { "reporterEmail": "not an email", "activeEnvironment": "Staging", "postReportPolicyIds": [ "spam" ] } }
            """;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(app, file, "Acme"));

        Assert.Equal(
            ["/ncmec/activeEnvironment", "/ncmec/postReportActionIds", "/ncmec/reporterEmail",
             "/roles", "/roles/0/key", "/roles/2/name", "/roles/2/permissions/1",
             "/settings/appeals/undoActions/0/appealedActionId", "/settings/appeals/undoActions/0/undoActionId",
             "/settings/partialItems/headers", "/settings/reviewConsole/ignoreCallbackUrl",
             "/settings/strikes/strikeTtlDays", "/settings/strikes/thresholds/0/actionIds", "/settings/strikes/thresholds/0/threshold",
             "/settings/wellness/blurLevel", "/settings/wellness/tone",
             "/sso/authority", "/sso/defaultRole"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["/roles/2/permissions/1: 'FLY' is not a permission."], refused.Errors["/roles/2/permissions/1"]);
        Assert.Equal(["/roles/2/name: Another role is named 'Moderator'."], refused.Errors["/roles/2/name"]);
        Assert.StartsWith("/roles: The file would leave no active user with", Assert.Single(refused.Errors["/roles"]), StringComparison.Ordinal);
        Assert.Contains(refused.Errors["/sso/defaultRole"], m => m.StartsWith("/sso/defaultRole: No role 'JANITOR'", StringComparison.Ordinal));
        Assert.Equal(["/settings/partialItems/headers: Enter a value for the header X-Key."], refused.Errors["/settings/partialItems/headers"]);
        Assert.Equal(["/settings/appeals/undoActions/0/appealedActionId: No action 'no-such-action' exists in the file or the organization."],
            refused.Errors["/settings/appeals/undoActions/0/appealedActionId"]);

        await using var db = await ContextAsync(app);
        Assert.False(await db.Roles.AnyAsync(r => r.Key == "CUSTOM_TRIAGE", Token));
        Assert.False(await db.Policies.AnyAsync(p => p.Id == "spam", Token));
        Assert.False(await db.SingleSignOnSettings.AnyAsync(Token));
        Assert.False(await db.NcmecSettings.AnyAsync(Token));
        Assert.False(await db.WellnessSettings.AnyAsync(Token));
        var adminRoleId = await db.Roles.Where(r => r.OrganizationId == organizationId && r.Key == DefaultRoles.Admin).Select(r => r.Id).SingleAsync(Token);
        var adminPermissions = await db.RoleClaims.Where(c => c.RoleId == adminRoleId).Select(c => c.ClaimValue).ToListAsync(Token);
        Assert.Contains(Permissions.ManageRoles, adminPermissions);
        Assert.Contains(Permissions.ManageUsers, adminPermissions);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "config.imported" || a.Action.StartsWith("role.") || a.Action.EndsWith("settings.updated"), Token));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await using var db = await ContextAsync(app);
        var auditBefore = await db.AuditEntries.CountAsync(Token);
        var file = """
            { "version": 1,
              "roles": [ { "key": "CUSTOM_TRIAGE", "name": "Triage", "permissions": [ "VIEW_MRT" ] } ],
              "settings": { "wellness": { "blurLevel": 5, "tone": "Sepia", "unblurOnHover": false, "muteVideos": true } } }
            """;

        var result = await app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(new(file, "Acme", DryRun: true)));

        Assert.True(result.DryRun);
        Assert.Equal(new ImportCounts(1, 0, 0), result.Roles);
        Assert.Equal(["wellness"], result.SettingsChanged);
        Assert.False(await db.Roles.AnyAsync(r => r.Key == "CUSTOM_TRIAGE", Token));
        Assert.False(await db.WellnessSettings.AnyAsync(w => w.OrganizationId == organizationId, Token));
        Assert.Equal(auditBefore, await db.AuditEntries.CountAsync(Token));

        var applied = await ImportAsync(app, file, "Acme");
        Assert.False(applied.DryRun);
        Assert.True(await db.Roles.AnyAsync(r => r.Key == "CUSTOM_TRIAGE", Token));
        Assert.Equal(new WellnessPreferences(5, MediaTone.Sepia, false, true),
            (await db.WellnessSettings.AsNoTracking().SingleAsync(w => w.OrganizationId == organizationId, Token)).AsDefaults());
    }

    [Fact]
    public async Task Single_sign_on_stays_on_and_may_be_sso_only_when_the_target_already_has_its_client_secret()
    {
        await using var app = new CoopAppFactory();
        var organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        await app.AsUserAsync(admin, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(new SaveSsoSettingsCommand(
            false, SsoProviderKind.GenericOidc, null, null, null, null, null, "kept-secret-value", false, null, [], null, false, null)));
        string protectedSecret;
        await using (var db = await ContextAsync(app))
        {
            protectedSecret = (await db.SingleSignOnSettings.SingleAsync(s => s.OrganizationId == organizationId, Token)).ProtectedClientSecret!;
        }

        var file = $$"""
            { "version": 1,
              "sso": { "enabled": true, "providerKind": "ENTRA_ID", "tenantId": "contoso.onmicrosoft.com", "clientId": "coop-app",
                       "allowedDomains": ["contoso.com"], "defaultRole": "MODERATOR", "ssoOnly": true, "breakGlassUser": "{{admin.ToUpperInvariant()}}" } }
            """;

        var result = await ImportAsync(app, file, "Acme");

        Assert.Equal(["single sign-on"], result.SettingsChanged);
        Assert.Empty(result.Warnings!);
        await using var read = await ContextAsync(app);
        var sso = await read.SingleSignOnSettings.AsNoTracking().SingleAsync(s => s.OrganizationId == organizationId, Token);
        var moderator = await read.Roles.Where(r => r.OrganizationId == organizationId && r.Key == DefaultRoles.Moderator).Select(r => r.Id).SingleAsync(Token);
        Assert.Equal((true, true, SsoProviderKind.EntraId, "contoso.onmicrosoft.com", moderator, await UserIdAsync(app, admin), protectedSecret),
            (sso.Enabled, sso.SsoOnly, sso.ProviderKind, sso.TenantId, sso.DefaultRoleId, sso.BreakGlassUserId, sso.ProtectedClientSecret));
        var exported = JsonNode.Parse(Serialize(await ExportAsync(app, "Acme")))!["sso"]!;
        Assert.Equal(("ENTRA_ID", "MODERATOR", admin), ((string?)exported["providerKind"], (string?)exported["defaultRole"], (string?)exported["breakGlassUser"]));
    }

    [Fact]
    public async Task The_cli_dry_run_prints_what_would_change_and_the_warnings_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = TestSettings.NewTempDirectory();
        var file = Path.Combine(work, "config.json");
        await File.WriteAllTextAsync(file, """
            { "version": 1,
              "roles": [ { "key": "CUSTOM_TRIAGE", "name": "Triage", "permissions": [ "VIEW_MRT" ] } ],
              "sso": { "enabled": true, "authority": "https://login.acme.example/", "clientId": "coop", "defaultRole": "CUSTOM_TRIAGE" } }
            """, Token);
        await using (var app = new CoopAppFactory(database.Settings()))
        {
            await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        }

        var dry = await CliProcess.RunAsync(database.Settings(), work, "config", "import", file, "--org", "Acme", "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.All);
        Assert.Contains("Dry run, nothing written.", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("; roles 1 created, 0 updated, 0 unchanged; settings changed: single sign-on.", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Warning: /sso: Single sign-on was imported turned off", dry.StandardError, StringComparison.Ordinal);
        await using (var app = new CoopAppFactory(database.Settings()))
        await using (var db = await ContextAsync(app))
        {
            Assert.False(await db.Roles.AnyAsync(r => r.Key == "CUSTOM_TRIAGE", Token));
            Assert.False(await db.SingleSignOnSettings.AnyAsync(Token));
        }

        var applied = await CliProcess.RunAsync(database.Settings(), work, "config", "import", file, "--org", "Acme");

        Assert.True(applied.ExitCode == 0, applied.All);
        Assert.Contains("Imported into organization", applied.StandardOutput, StringComparison.Ordinal);
        await using (var app = new CoopAppFactory(database.Settings()))
        await using (var db = await ContextAsync(app))
        {
            var role = await db.Roles.SingleAsync(r => r.Key == "CUSTOM_TRIAGE", Token);
            Assert.Equal(role.Id, (await db.SingleSignOnSettings.SingleAsync(Token)).DefaultRoleId);
        }
    }

    /// <summary>
    /// Sets every administration setting of <paramref name="organization"/> through the product's own use cases (and its
    /// policies and actions through a file, to keep their ids); with <paramref name="secrets"/> also every secret there is.
    /// Returns the key of the custom role.
    /// </summary>
    private static async Task<string> SetUpEverythingAsync(CoopAppFactory app, string organization, bool secrets)
    {
        await ImportAsync(app, SetUpFile, organization);
        var admin = OrganizationBuilder.EmailFor(organization, DefaultRoles.Admin);
        var role = await app.AsUserAsync(admin, s => s.SendAsync<CreateRoleCommand, RoleSummary>(new CreateRoleCommand("Triage lead", "Works the triage queue")));
        await app.AsUserAsync(admin, s => s.SendAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(role.Id, Permissions.ViewMrt, true)));
        await app.AsUserAsync(admin, s => s.SendAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(role.Id, Permissions.ViewMrtData, true)));
        string moderatorId;
        await using (var db = await ContextAsync(app))
        {
            moderatorId = await db.Roles.Where(r => r.Key == DefaultRoles.Moderator && db.Organizations.Any(o => o.Id == r.OrganizationId && o.Name == organization))
                .Select(r => r.Id).SingleAsync(Token);
        }

        await app.AsUserAsync(admin, s => s.SendAsync<UpdateRoleCommand, RoleSummary>(new UpdateRoleCommand(moderatorId, "Reviewer", "Reviews reports")));
        var breakGlass = secrets ? await UserIdAsync(app, admin) : null;
        await app.AsUserAsync(admin, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(new SaveSsoSettingsCommand(
            true, SsoProviderKind.GenericOidc, "Acme SSO", "https://login.acme.example/", null, null, "coop-client", "sso-secret-4", false,
            "openid profile email", ["acme.example"], role.Id, secrets, breakGlass)));
        await app.AsUserAsync(admin, s => s.SendAsync<SaveReviewSettingsCommand, ReviewSettingsView>(new SaveReviewSettingsCommand(
            true, true, false, false, true, "https://hooks.acme.example/ignored", "https://hooks.acme.example/appeal",
            secrets ? [new ActionHeaderInput("X-Appeal-Key", "appeal-secret-2")] : [], 180)));
        await app.AsUserAsync(admin, s => s.SendAsync<SaveAppealSettingsCommand, AppealSettingsView>(new SaveAppealSettingsCommand(true, [new AppealUndoPair("remove", "restore")])));
        await app.AsUserAsync(admin, s => s.SendAsync<SaveStrikeThresholdsCommand, StrikeSettingsView>(new SaveStrikeThresholdsCommand(
            [new StrikeThresholdInput(1, ["remove"]), new StrikeThresholdInput(3, ["ban", "remove"])])));
        await app.AsUserAsync(admin, s => s.SendAsync<SaveOrganizationWellnessCommand, WellnessPreferences>(
            new SaveOrganizationWellnessCommand(new WellnessPreferences(4, MediaTone.Sepia, false, true))));
        await app.AsUserAsync(admin, s => s.SendAsync<SavePartialItemsSettingsCommand, PartialItemsSettingsView>(new SavePartialItemsSettingsCommand(
            "https://platform.acme.example/items", secrets ? [new ActionHeaderInput("X-Partial-Key", "partial-secret-3")] : [])));
        await app.AsUserAsync(admin, s => s.SendAsync<SaveNcmecSettingsCommand, NcmecSettingsView>(new SaveNcmecSettingsCommand(
            new NcmecSettingsValues(NcmecEnvironment.Test, "cybertips@acme.example", "Ada", "Lovelace", "+1 555 0100", "ada@acme.example",
                "Acme Corp operates Acme Chat.", "Acme Chat", "Be nice.", "https://acme.example/legal", "https://acme.example/more",
                NcmecInternetDetailType.ChatIm, "https://hooks.acme.example/ncmec-info", null, NcmecMediaReviewRequirement.Minimum, 2, ["ban"], ["spam"]),
            new NcmecCredentialChange("ncmec-user-5", "ncmec-secret-6"))));
        return role.Key;
    }

    private static async Task<string> UserIdAsync(CoopAppFactory app, string email)
    {
        await using var db = await ContextAsync(app);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token);
    }

    private static Task<CoopDbContext> ContextAsync(CoopAppFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);

    private static Task<ConfigDocument> ExportAsync(CoopAppFactory app, string organization) =>
        app.WithScopeAsync(s => s.AskAsync<ExportConfigurationQuery, ConfigDocument>(new(organization)));

    private static string Serialize(ConfigDocument document) => JsonSerializer.Serialize(document, ConfigDocument.JsonOptions);

    private static Task<ImportConfigurationResult> ImportAsync(CoopAppFactory app, string json, string organization) =>
        app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(new(json, organization)));
}
