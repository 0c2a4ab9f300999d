using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Investigation;

/// <summary>
/// An item with a history, made the real way: u1's post p1 is sent, then reported (with edited, hostile text) under Spam;
/// a moderator removes it, which adds a strike, and the platform receives the signed callback.
/// </summary>
internal static class InvestigationScenario
{
    public const string EditedText = "edited words <script>alert(1)</script>";

    /// <summary>Runs the scenario in an organization that has the <c>post</c> and <c>user</c> types; returns the job id.</summary>
    public static async Task<string> ReportAndRemoveAsync(CoopAppFactory app, string org, PlatformClient client, WebhookReceiver receiver, string moderator)
    {
        var moderatorId = await OrganizationBuilder.AddUserAsync(app, org, moderator, DefaultRoles.Moderator);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Policies.Add(Policy.Create(org, "spam", new PolicyDetails("Spam", null, null, null, Penalty.High, 2, false), now));
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove", null, ["post"], receiver.UrlFor("/remove").ToString(), [], null, ApplyUserStrikes: true), now));
            await db.SaveChangesAsync();
        }

        receiver.PublicKeyPem = await app.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(org);
        using (var submit = await client.PostAsync("/api/v1/items/async/", """
            { "items": [
              { "id": "u1", "typeId": "user", "data": { "name": "Gift Card Gary" } },
              { "id": "p1", "typeId": "post", "data": { "text": "first words", "author": { "id": "u1", "typeId": "user" } } } ] }
            """))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await WaitUntilAsync(factory, db => db.Set<Coop.Domain.Items.Item>().AnyAsync(i => i.ItemId == "p1"));
        using (var report = await client.PostAsync("/api/v1/report", $$"""
            {
              "reporter": { "kind": "user", "id": "u9", "typeId": "user" },
              "reportedAt": "2026-03-01T10:30:00.000Z",
              "reportedForReason": { "policyId": "spam", "reason": "ads everywhere", "csam": false },
              "reportedItem": { "id": "p1", "typeId": "post", "data": { "text": {{JsonValue.Create(EditedText).ToJsonString()}}, "author": { "id": "u1", "typeId": "user" } } }
            }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        await WaitUntilAsync(factory, db => db.ReviewJobs.AnyAsync(j => j.ItemId == "p1"));
        string jobId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            jobId = await db.ReviewJobs.Where(j => j.ItemId == "p1").Select(j => j.Id).SingleAsync();
            var until = now.AddMinutes(10);
            await db.ReviewJobs.Where(j => j.Id == jobId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, moderatorId).SetProperty(j => j.ClaimExpiresAt, until));
        }

        await app.AsUserAsync(moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(
            new SubmitDecisionCommand(jobId, DecisionKind.Action, [new DecisionActionInput("remove")], ["spam"], "selling gift cards")));
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(factory, db => db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Delivered));
        return jobId;
    }

    private static async Task WaitUntilAsync(IDbContextFactory<CoopDbContext> factory, Func<CoopDbContext, Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(25, cts.Token);
        }
    }
}
