using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>An organization with a child-safety moderator and a plain moderator, posts with images by users, and csam reports.</summary>
internal sealed class NcmecReviewScenario(ApiFixture fixture, string childSafety, string childSafetyId, string moderator, string moderatorId) : IAsyncDisposable
{
    public ApiFixture Fixture { get; } = fixture;

    public string ChildSafety { get; } = childSafety;

    public string ChildSafetyId { get; } = childSafetyId;

    public string Moderator { get; } = moderator;

    public string ModeratorId { get; } = moderatorId;

    public static async Task<NcmecReviewScenario> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? extra = null)
    {
        var fixture = await ApiFixture.StartAsync(provider, extra);
        var cs = "cs@acme.test";
        var csId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, cs, DefaultRoles.ChildSafetyModerator);
        var mod = "mod@acme.test";
        var modId = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, mod, DefaultRoles.Moderator);
        return new NcmecReviewScenario(fixture, cs, csId, mod, modId);
    }

    public static string Image(string name) => $"https://media.example/{name}.jpg";

    /// <summary>Posts by <paramref name="userId"/> as ingestion would have stored them, each with the given images.</summary>
    public async Task SeedPostsAsync(string userId, params (string Id, string[] Images)[] posts)
    {
        await using var db = await Fixture.ContextAsync();
        var at = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1);
        var submissions = new List<ItemSubmission>();
        foreach (var (id, images) in posts)
        {
            var data = new JsonObject { ["text"] = $"post {id}", ["author"] = new JsonObject { ["id"] = userId, ["typeId"] = "user" }, ["images"] = new JsonArray([.. images.Select(i => (JsonNode)i)]) };
            var submission = ItemSubmission.Accept(Fixture.OrganizationId, id, "post", "v1", "original", data.ToJsonString(),
                ItemRoleValues.None with { Creator = new ItemIdentifier(userId, "user") }, "test", null, at);
            submission.MarkProcessed(at);
            db.Add(submission);
            submissions.Add(submission);
        }

        await db.SaveChangesAsync();
        db.AddRange(submissions.Select(Item.FirstSeen));
        await db.SaveChangesAsync();
    }

    /// <summary>Reports a post by <paramref name="userId"/> as CSAM through the API and waits until it is routed.</summary>
    public async Task ReportCsamAsync(string postId, string userId, params string[] images)
    {
        var body = new JsonObject
        {
            ["reporter"] = new JsonObject { ["kind"] = "user", ["id"] = "reporter-1", ["typeId"] = "user" },
            ["reportedAt"] = "2026-11-24T10:00:00Z",
            ["reportedForReason"] = new JsonObject { ["reason"] = "child abuse", ["csam"] = true },
            ["reportedItem"] = new JsonObject
            {
                ["id"] = postId, ["typeId"] = "post",
                ["data"] = new JsonObject { ["text"] = "reported", ["author"] = new JsonObject { ["id"] = userId, ["typeId"] = "user" }, ["images"] = new JsonArray([.. images.Select(i => (JsonNode)i)]) },
            },
        };
        using var response = await Fixture.Client.PostAsync("/api/v1/report", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Fixture.WaitUntilAsync(db => db.Set<Report>().AnyAsync(r => r.ItemId == postId && r.JobId != null));
    }

    public async Task<ReviewJob> NcmecJobAsync(string userId)
    {
        await using var db = await Fixture.ContextAsync();
        return await (from j in db.ReviewJobs join q in db.ReviewQueues on j.QueueId equals q.Id
                      where q.Kind == QueueKind.Ncmec && j.ItemId == userId && j.ItemTypeId == "user" && j.Status == JobStatus.Open select j).SingleAsync();
    }

    public async Task ClaimAsync(string jobId, string userId)
    {
        await using var db = await Fixture.ContextAsync();
        var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10);
        await db.ReviewJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, userId).SetProperty(j => j.ClaimExpiresAt, until));
    }

    public Task<CoopDbContext> ContextAsync() => Fixture.ContextAsync();

    public ValueTask DisposeAsync() => Fixture.DisposeAsync();
}
