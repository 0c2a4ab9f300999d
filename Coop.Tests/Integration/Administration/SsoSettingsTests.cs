using System.Net;
using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Sso;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Administration;

[Trait("Category", "Integration")]
public sealed class SsoSettingsTests : IAsyncLifetime
{
    private const string Secret = "s3cret-never-shown-7f2a";
    private readonly CoopAppFactory app = new();
    private string organizationId = string.Empty;
    private string analystRoleId = string.Empty;

    private static string Admin => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    private static string Moderator => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

    public async ValueTask InitializeAsync()
    {
        organizationId = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        analystRoleId = await DbAsync(db => db.Roles.Where(r => r.OrganizationId == organizationId && r.Key == DefaultRoles.Analyst).Select(r => r.Id).SingleAsync());
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Turning_sso_on_without_the_required_fields_names_each_missing_field()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with
        {
            Authority = null, ClientId = " ", NewClientSecret = null, DefaultRoleId = null,
        }));

        Assert.Equal(["Authority", "ClientId", "DefaultRoleId", "NewClientSecret"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bad_values_are_refused_field_by_field()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with
        {
            Authority = "http://idp.example.com", Scopes = "profile email", AllowedDomains = ["example.org", "not_a_domain"], DefaultRoleId = "no-such-role",
        }));

        Assert.Contains("https", error.Errors["Authority"][0], StringComparison.Ordinal);
        Assert.Contains("openid", error.Errors["Scopes"][0], StringComparison.Ordinal);
        Assert.Contains("not_a_domain", error.Errors["AllowedDomains"][0], StringComparison.Ordinal);
        Assert.True(error.Errors.ContainsKey("DefaultRoleId"));
    }

    [Fact]
    public async Task Entra_id_needs_a_tenant_and_builds_the_v2_authority()
    {
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with { ProviderKind = SsoProviderKind.EntraId, TenantId = null }));
        Assert.True(missing.Errors.ContainsKey("TenantId"));

        await SaveAsync(Command() with { ProviderKind = SsoProviderKind.EntraId, TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" });

        var stored = await StoredAsync();
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", stored.EffectiveAuthority);
    }

    [Fact]
    public async Task Sso_only_needs_a_local_admin_as_break_glass_account()
    {
        var moderatorId = await UserIdAsync(Moderator);
        var none = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with { SsoOnly = true, BreakGlassUserId = null }));
        var notAdmin = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with { SsoOnly = true, BreakGlassUserId = moderatorId }));
        var disabled = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with { Enabled = false, SsoOnly = true, BreakGlassUserId = moderatorId }));

        Assert.True(none.Errors.ContainsKey("BreakGlassUserId"));
        Assert.True(notAdmin.Errors.ContainsKey("BreakGlassUserId"));
        Assert.True(disabled.Errors.ContainsKey("SsoOnly"));

        var adminId = await UserIdAsync(Admin);
        var saved = await SaveAsync(Command() with { SsoOnly = true, BreakGlassUserId = adminId });
        Assert.Equal((true, adminId), (saved.SsoOnly, saved.BreakGlassUserId));
        Assert.Equal([Admin], saved.LocalAdmins.Select(a => a.Label));
    }

    [Fact]
    public async Task The_client_secret_is_stored_encrypted_and_never_returned_or_audited()
    {
        var saved = await SaveAsync(Command() with { AllowedDomains = ["Example.ORG", "@example.net"] });
        var read = await app.AsUserAsync(Admin, s => s.AskAsync<GetSsoSettingsQuery, SsoSettingsView>(new GetSsoSettingsQuery()));

        Assert.True(read.ClientSecretSet);
        Assert.NotNull(read.ClientSecretChangedAt);
        Assert.Equal(["example.org", "example.net"], read.AllowedDomains);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(saved), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(read), StringComparison.Ordinal);

        var stored = await StoredAsync();
        Assert.NotNull(stored.ProtectedClientSecret);
        Assert.DoesNotContain(Secret, stored.ProtectedClientSecret, StringComparison.Ordinal);
        var audit = await DbAsync(db => db.AuditEntries.Where(a => a.Action == "sso.updated").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.DoesNotContain(Secret, entry.Details, StringComparison.Ordinal);
        Assert.Contains("secret replaced", entry.Details, StringComparison.Ordinal);

        // Saving again without a new secret keeps it; clearing removes it (and then SSO cannot stay on).
        await SaveAsync(Command() with { NewClientSecret = null });
        Assert.Equal(stored.ProtectedClientSecret, (await StoredAsync()).ProtectedClientSecret);
        var cleared = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(Command() with { NewClientSecret = null, ClearClientSecret = true }));
        Assert.True(cleared.Errors.ContainsKey("NewClientSecret"));
        var off = await SaveAsync(Command() with { Enabled = false, NewClientSecret = null, ClearClientSecret = true });
        Assert.False(off.ClientSecretSet);
    }

    [Fact]
    public async Task Only_managers_of_the_organization_may_read_or_change_sso()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(Moderator, s => s.AskAsync<GetSsoSettingsQuery, SsoSettingsView>(new GetSsoSettingsQuery())));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(Moderator, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(Command())));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.AsUserAsync(Moderator, s => s.SendAsync<TestSsoConfigurationCommand, SsoTestResult>(
            new TestSsoConfigurationCommand(SsoProviderKind.GenericOidc, "https://idp.example.com", null, null))));
    }

    [Fact]
    public async Task Testing_a_loopback_authority_is_refused_by_the_outbound_policy_with_a_clear_message()
    {
        var result = await app.AsUserAsync(Admin, s => s.SendAsync<TestSsoConfigurationCommand, SsoTestResult>(
            new TestSsoConfigurationCommand(SsoProviderKind.GenericOidc, "https://127.0.0.1:9/", null, null)));

        Assert.False(result.Succeeded);
        Assert.Contains("outbound address policy refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_offers_no_sso_until_it_is_enabled()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var before = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), TestContext.Current.CancellationToken);
        using var start = await client.GetAsync(new Uri($"/account/sso/{organizationId}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("data-testid=\"sso-sign-in\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/account/login?sso=disabled", start.Headers.Location!.OriginalString);

        await SaveAsync(Command() with { DisplayName = "Okta" });
        var after = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Sign in with Okta", after, StringComparison.Ordinal);
    }

    private SaveSsoSettingsCommand Command() => new(
        Enabled: true, ProviderKind: SsoProviderKind.GenericOidc, DisplayName: null, Authority: "https://idp.example.com/", TenantId: null, Instance: null,
        ClientId: "coop", NewClientSecret: Secret, ClearClientSecret: false, Scopes: "openid profile email", AllowedDomains: [],
        DefaultRoleId: analystRoleId, SsoOnly: false, BreakGlassUserId: null);

    private Task<string> UserIdAsync(string email) => DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<SingleSignOnSettings> StoredAsync() => DbAsync(db => db.SingleSignOnSettings.AsNoTracking().SingleAsync(x => x.OrganizationId == organizationId));

    private Task<T> DbAsync<T>(Func<CoopDbContext, Task<T>> query) => app.WithScopeAsync(async s =>
    {
        await using var db = await s.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        return await query(db);
    });

    private Task<SsoSettingsView> SaveAsync(SaveSsoSettingsCommand command) =>
        app.AsUserAsync(Admin, s => s.SendAsync<SaveSsoSettingsCommand, SsoSettingsView>(command));
}
