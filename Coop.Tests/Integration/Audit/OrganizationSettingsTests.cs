using System.Net;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Configuration;
using Coop.Web.Features.Administration.OrganizationSettings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Audit;

/// <summary>Settings → Organization and Settings → Outbound allow-list: validation, permission, audit, and the allow-list's effect on outbound calls.</summary>
[Trait("Category", "Integration")]
public sealed class OrganizationSettingsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Organization_details_are_validated_refused_to_moderators_and_audited()
    {
        await using var app = new CoopAppFactory();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        await OrganizationBuilder.CreateAsync(app, "Globex");
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        Task<OrganizationSettingsView> SaveAsync(string email, UpdateOrganizationCommand command) =>
            app.AsUserAsync(email, s => s.SendAsync<UpdateOrganizationCommand, OrganizationSettingsView>(command));

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(admin,
            new UpdateOrganizationCommand("  ", "not an email", "ftp://acme.example", "on-call")));
        Assert.Equal(["email", "name", "onCallAlertEmail", "websiteUrl"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(admin, new UpdateOrganizationCommand("Globex", "tns@acme.example", null, null)));
        Assert.Equal(["name"], taken.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SaveAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator),
            new UpdateOrganizationCommand("Acme", "tns@acme.example", null, null)));

        var saved = await SaveAsync(admin, new UpdateOrganizationCommand(" Acme Social ", "tns@acme.example", "https://acme.example", "oncall@acme.example"));
        Assert.Equal(("Acme Social", "tns@acme.example", "https://acme.example", "oncall@acme.example"), (saved.Name, saved.Email, saved.WebsiteUrl, saved.OnCallAlertEmail));
        await SaveAsync(admin, new UpdateOrganizationCommand("Acme Social", "tns@acme.example", "https://acme.example", "oncall@acme.example"));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "organization.updated", Token);
        Assert.Equal("changed name, contact email, website, on-call alert email", entry.Details);
        Assert.Contains("\"OnCallAlertEmail\":null", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"OnCallAlertEmail\":\"oncall@acme.example\"", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allow_list_is_validated_audited_and_lets_only_its_organization_reach_internal_hosts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new CoopAppFactory();
        var acme = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        var globex = await OrganizationBuilder.CreateAsync(app, "Globex", DefaultRoles.Admin);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        Task<OutboundAllowListView> SaveAsync(string email, params string[] entries) =>
            app.AsUserAsync(email, s => s.SendAsync<SaveOutboundAllowListCommand, OutboundAllowListView>(new SaveOutboundAllowListCommand(entries)));

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(admin, "*", "0.0.0.0/0", "0.0.0.0/4", "::/0", "*.acme.example", "bad host!", "ok.example"));
        Assert.Equal(["entries/0", "entries/1", "entries/2", "entries/3", "entries/4", "entries/5"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("too wide", invalid.Errors["entries/2"][0], StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SaveAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), "10.0.0.0/8"));

        var clients = app.Services.GetRequiredService<IHttpClientFactory>();
        async Task<HttpStatusCode> CallAsync(string organizationId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, receiver.UrlFor("/hook")) { Content = new StringContent("{}") };
            using var response = await clients.CreateClient(OutboundHttp.Webhooks).SendAsync(request.ForOrganization(organizationId), Token);
            return response.StatusCode;
        }

        // Loopback is refused by default, for everyone.
        var before = await Assert.ThrowsAsync<HttpRequestException>(() => CallAsync(acme));
        Assert.Contains("allow-list", before.Message + before.InnerException?.Message, StringComparison.Ordinal);

        var saved = await SaveAsync(admin, " 127.0.0.1 ", "Hooks.Internal.Example.", "10.20.0.0/16", "127.0.0.1");
        Assert.Equal(["127.0.0.1/32", "hooks.internal.example", "10.20.0.0/16"], saved.Entries);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(acme)); // the receiver answered (it refuses unsigned posts): the connection was allowed

        // The pooled connection Acme opened must not carry Globex's request.
        await Assert.ThrowsAsync<HttpRequestException>(() => CallAsync(globex));

        // config export carries the list; config import validates it and applies it to another organization.
        var exported = await app.WithScopeAsync(s => s.AskAsync<ExportConfigurationQuery, ConfigDocument>(new ExportConfigurationQuery("Acme")));
        Assert.Equal(saved.Entries, exported.OutboundAllowList);
        Assert.Equal("contact@acme.example", exported.Organization?.Email);
        string Json(ConfigDocument document) => System.Text.Json.JsonSerializer.Serialize(document, ConfigDocument.JsonOptions);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(
            new ImportConfigurationCommand(Json(new ConfigDocument(ConfigDocument.CurrentVersion, OutboundAllowList: ["*"])), "Globex"))));
        Assert.Equal(["/outboundAllowList/0"], refused.Errors.Keys);
        var imported = await app.WithScopeAsync(s => s.SendAsync<ImportConfigurationCommand, ImportConfigurationResult>(
            new ImportConfigurationCommand(Json(new ConfigDocument(ConfigDocument.CurrentVersion, OutboundAllowList: exported.OutboundAllowList)), "Globex")));
        Assert.True(imported.OutboundAllowListChanged);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(globex)); // the receiver answered (it refuses unsigned posts): the connection was allowed

        var list = await app.AsUserAsync(admin, s => s.AskAsync<GetOutboundAllowListQuery, OutboundAllowListView>(new GetOutboundAllowListQuery()));
        Assert.Equal(saved.Entries, list.Entries);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(Token);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "outbound-allow-list.updated" && a.OrganizationId == acme, Token);
        Assert.Equal(("[]", """["127.0.0.1/32","hooks.internal.example","10.20.0.0/16"]"""), (entry.Before, entry.After));
    }
}
