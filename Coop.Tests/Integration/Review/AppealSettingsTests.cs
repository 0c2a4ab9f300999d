using System.Net;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Settings;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Review;

[Trait("Category", "Integration")]
public sealed class AppealSettingsTests
{
    private const string Appeal = """
        { "appealId": "a-1", "appealedBy": { "id": "u1", "typeId": "user" }, "appealedAt": "2026-12-01T10:00:00Z",
          "actionedItem": { "id": "p1", "typeId": "post", "data": { "text": "it was a joke" } }, "actionsTaken": ["remove"] }
        """;

    [Fact]
    public async Task With_appeals_turned_off_the_api_refuses_them_and_stores_nothing_and_undo_actions_are_checked()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.Admin);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        await using (var db = await fixture.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails("Remove", null, [], "https://platform.example/remove", [], null, false), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "restore", new ActionDefinitionDetails("Restore", null, [], "https://platform.example/restore", [], null, false), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "reinstate", new ActionDefinitionDetails("Reinstate", null, [], "https://platform.example/reinstate", [], null, false,
                [new ActionParameter("note", "Note to the user", ActionParameterType.String, Required: true)]), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Task<AppealSettingsView> SaveAsync(string email, bool enabled, params AppealUndoPair[] pairs) => fixture.App.AsUserAsync(email, s =>
            s.SendAsync<SaveAppealSettingsCommand, AppealSettingsView>(new SaveAppealSettingsCommand(enabled, pairs)));

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync("lead@acme.test", false,
            new AppealUndoPair("remove", "remove"), new AppealUndoPair("restore", "reinstate"), new AppealUndoPair("gone", "restore"), new AppealUndoPair("restore", null)));
        Assert.Equal(["undo/0", "undo/1", "undo/2", "undo/3"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Note to the user", invalid.Errors["undo/1"][0], StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SaveAsync("ana@acme.test", false));

        var saved = await SaveAsync("lead@acme.test", false, new AppealUndoPair("remove", "restore"));
        Assert.Equal((false, "remove→restore"), (saved.Enabled, string.Join(",", saved.UndoActions.Select(p => $"{p.AppealedActionId}→{p.UndoActionId}"))));

        using (var refused = await fixture.Client.PostAsync("/api/v1/report/appeal", Appeal))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var error = await PlatformClient.FirstErrorAsync(refused);
            Assert.Equal(("Appeals are turned off.", "/errors/authorization-failed"), ((string)error["title"]!, (string)error["type"]![0]!));
        }

        await SaveAsync("lead@acme.test", true, new AppealUndoPair("remove", "restore"));
        using (var accepted = await fixture.Client.PostAsync("/api/v1/report/appeal", Appeal))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        await using var read = await fixture.ContextAsync();
        Assert.Equal("a-1", (await read.Set<Appeal>().SingleAsync(TestContext.Current.CancellationToken)).AppealId);
        Assert.Equal(2, await read.AuditEntries.CountAsync(a => a.Action == "appeal-settings.updated", TestContext.Current.CancellationToken));
    }
}
