using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Strikes;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Integration.Strikes;

/// <summary>Settings → Strikes (the threshold editor's use cases) and the Quartz job that records lapsed strikes.</summary>
[Trait("Category", "Integration")]
public sealed class StrikeSettingsTests
{
    [Fact]
    public async Task Thresholds_are_validated_as_a_whole_then_replace_the_old_ones_with_their_parameter_values()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.Admin);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "ana@acme.test", DefaultRoles.Moderator);
        await using (var db = await fixture.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "suspend", new ActionDefinitionDetails(
                "Suspend", null, [], "https://platform.example/suspend", [], null, false,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 30)]), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "ban", new ActionDefinitionDetails(
                "Ban", null, [], "https://platform.example/ban", [], null, false), now));
            db.StrikeThresholds.Add(StrikeThreshold.Create(fixture.OrganizationId, 10, """["ban"]"""));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Task<StrikeSettingsView> SaveAsync(string email, params StrikeThresholdInput[] thresholds) => fixture.App.AsUserAsync(email, s =>
            s.SendAsync<SaveStrikeThresholdsCommand, StrikeSettingsView>(new SaveStrikeThresholdsCommand(thresholds)));

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync("lead@acme.test",
            new StrikeThresholdInput(3, ["suspend"], new Dictionary<string, JsonObject?> { ["suspend"] = new() { ["days"] = 90 } }),
            new StrikeThresholdInput(3, ["ban"]),
            new StrikeThresholdInput(0, []),
            new StrikeThresholdInput(8, ["nope"])));

        Assert.Equal(
            ["thresholds/0/parameters/suspend/days", "thresholds/1/threshold", "thresholds/2/actionIds", "thresholds/2/threshold", "thresholds/3/actionIds"],
            invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SaveAsync("ana@acme.test", new StrikeThresholdInput(3, ["ban"])));

        var saved = await SaveAsync("lead@acme.test",
            new StrikeThresholdInput(5, ["ban"]),
            new StrikeThresholdInput(3, ["suspend"], new Dictionary<string, JsonObject?> { ["suspend"] = new() { ["days"] = 7 } }));

        Assert.Equal([(3, "suspend"), (5, "ban")], saved.Thresholds.Select(t => (t.Threshold, string.Join(",", t.ActionIds))));
        Assert.Equal("""{"days":7}""", saved.Thresholds[0].Parameters!["suspend"]!.ToJsonString());
        Assert.Equal(90, saved.StrikeTtlDays);
        await using var read = await fixture.ContextAsync();
        var rows = await read.StrikeThresholds.OrderBy(t => t.Threshold).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([(3, """["suspend"]""", """{"suspend":{"days":7}}"""), (5, """["ban"]""", "{}")], rows.Select(r => (r.Threshold, r.ActionIds, r.ActionParameters)));
        Assert.Equal(1, await read.AuditEntries.CountAsync(a => a.Action == "strike-thresholds.updated", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_expiry_job_records_each_lapsed_strike_once_and_tells_the_users_live_screens()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(new DateTimeOffset(start));
        await using (var db = await fixture.ContextAsync())
        {
            db.UserStrikes.Add(UserStrike.Add(fixture.OrganizationId, "user", "u1", "spam", 2, "c1", start, TimeSpan.FromDays(1)));
            db.UserStrikes.Add(UserStrike.Add(fixture.OrganizationId, "user", "u1", "spam", 3, "c2", start, TimeSpan.FromDays(5)));
            db.UserStrikes.Add(UserStrike.Add(fixture.OrganizationId, "user", "u2", "spam", 1, "c3", start, TimeSpan.FromDays(1)));
            var removed = UserStrike.Add(fixture.OrganizationId, "user", "u3", "spam", 1, "c4", start, TimeSpan.FromDays(1));
            removed.Remove(start.AddHours(1));
            db.UserStrikes.Add(removed);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var heard = new List<string>();
        using var u1 = fixture.App.Services.GetRequiredService<ILiveEvents>().Subscribe(LiveTopics.Item(fixture.OrganizationId, "user", "u1"), e =>
        {
            lock (heard)
            {
                heard.Add(e.Kind);
            }

            return Task.CompletedTask;
        });
        var job = ActivatorUtilities.CreateInstance<StrikeExpiryJob>(fixture.App.Services, (TimeProvider)clock);

        Assert.Equal(0, await job.RunAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromDays(2));
        await using (var db = await fixture.ContextAsync())
        {
            // The score is exact before the job runs: it never waits for it.
            Assert.Equal(3, await StrikeLedger.ActiveTotalAsync(db, fixture.OrganizationId, new ItemIdentifier("u1", "user"), clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken));
        }

        Assert.Equal(2, await job.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await job.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal([LiveEventKinds.ItemChanged], heard);

        await using var read = await fixture.ContextAsync();
        var strikes = await read.UserStrikes.OrderBy(s => s.CorrelationId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([start.AddDays(1), null, start.AddDays(1), null], strikes.Select(s => s.ExpiredAt));
    }
}
