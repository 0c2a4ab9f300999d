using Coop.Domain.Authorization;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Wellness;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Wellness;

[Trait("Category", "Integration")]
public sealed class WellnessUseCaseTests
{
    [Fact]
    public async Task Reviewers_override_the_organizations_defaults_for_themselves_only()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.Admin);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ben@acme.test", DefaultRoles.Moderator);

        var saved = await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<SaveOrganizationWellnessCommand, WellnessPreferences>(
            new SaveOrganizationWellnessCommand(new WellnessPreferences(5, MediaTone.Sepia, false, true))));
        var ana = await fixture.App.AsUserAsync("ana@acme.test", s => s.SendAsync<SaveMyWellnessCommand, MyWellnessView>(
            new SaveMyWellnessCommand(new WellnessOverrides(1, MediaTone.Colour, null, null))));

        Assert.Equal(new WellnessPreferences(5, MediaTone.Sepia, false, true), saved);
        Assert.Equal(new WellnessPreferences(1, MediaTone.Colour, false, true), ana.Effective);
        Assert.Equal(saved, ana.OrganizationDefaults);
        var ben = await fixture.App.AsUserAsync("ben@acme.test", s => s.AskAsync<GetMyWellnessQuery, MyWellnessView>(new GetMyWellnessQuery()));
        Assert.Equal((saved, WellnessOverrides.None), (ben.Effective, ben.Overrides));

        // Saving again updates the same row, and a later change of the defaults reaches what Ana left alone.
        await fixture.App.AsUserAsync("ana@acme.test", s => s.SendAsync<SaveMyWellnessCommand, MyWellnessView>(
            new SaveMyWellnessCommand(new WellnessOverrides(null, MediaTone.Colour, null, false))));
        await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<SaveOrganizationWellnessCommand, WellnessPreferences>(
            new SaveOrganizationWellnessCommand(new WellnessPreferences(3, MediaTone.Grayscale, true, true))));
        ana = await fixture.App.AsUserAsync("ana@acme.test", s => s.AskAsync<GetMyWellnessQuery, MyWellnessView>(new GetMyWellnessQuery()));
        Assert.Equal(new WellnessPreferences(3, MediaTone.Colour, true, false), ana.Effective);

        await using var db = await fixture.ContextAsync();
        Assert.Equal(2, await db.WellnessSettings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "wellness.updated", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Only_admins_set_the_defaults_and_bad_values_are_refused_without_saving()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync("ana@acme.test", s =>
            s.SendAsync<SaveOrganizationWellnessCommand, WellnessPreferences>(new SaveOrganizationWellnessCommand(new WellnessPreferences(0, MediaTone.Colour, true, false)))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync("ana@acme.test", s =>
            s.AskAsync<GetOrganizationWellnessQuery, WellnessPreferences>(new GetOrganizationWellnessQuery())));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync("ana@acme.test", s =>
            s.SendAsync<SaveMyWellnessCommand, MyWellnessView>(new SaveMyWellnessCommand(new WellnessOverrides(9, null, null, null)))));

        Assert.Contains("BlurLevel", invalid.Errors.Keys);
        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.WellnessSettings.CountAsync(TestContext.Current.CancellationToken));
    }
}
