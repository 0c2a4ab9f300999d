using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Rules.HashBanks;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// A hash bank flagged "Report matches to NCMEC": an ingested item whose image matches it puts the author into their one
/// NCMEC job (updated by a second match, never duplicated); a match in an unflagged bank does not. Images on a real
/// loopback server, items through the platform API and the real ingestion processor.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NcmecHashBankFlagTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Pdq");

    private static string Sha256Of(string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Fixtures, file))));

    private static async Task<HashBankSummary> BankAsync(NcmecReviewScenario scenario, string admin, string name, string image, bool reportToNcmec) =>
        await scenario.Fixture.App.AsUserAsync(admin, async s =>
        {
            var bank = await s.SendAsync<CreateHashBankCommand, HashBankSummary>(new CreateHashBankCommand(name, null, true, reportToNcmec));
            var import = await s.SendAsync<ImportHashesCommand, HashImportReport>(new ImportHashesCommand(bank.Id, $"signal_type,signal,label\nsha256,{Sha256Of(image)},known\n"));
            Assert.True(import.Imported);
            return bank;
        });

    private static async Task PostAsync(NcmecReviewScenario scenario, string id, string author, string imageUrl)
    {
        var body = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = id, ["typeId"] = "post",
                ["data"] = new JsonObject { ["text"] = "a post", ["author"] = new JsonObject { ["id"] = author, ["typeId"] = "user" }, ["images"] = new JsonArray(imageUrl) },
            }),
        };
        using var response = await scenario.Fixture.Client.PostAsync("/api/v1/items/async/", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await scenario.Fixture.WaitForItemAsync(id);
    }

    private static async Task<List<ReviewJob>> NcmecJobsAsync(NcmecReviewScenario scenario, string userId)
    {
        await using var db = await scenario.ContextAsync();
        return await (from j in db.ReviewJobs join q in db.ReviewQueues on j.QueueId equals q.Id
                      where q.Kind == QueueKind.Ncmec && j.ItemId == userId && j.ItemTypeId == "user"
                      select j).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_image_matching_a_flagged_bank_enqueues_its_author_once_and_a_match_in_an_unflagged_bank_does_not()
    {
        await using var images = await ImageServer.StartAsync(Fixtures);
        await using var scenario = await NcmecReviewScenario.StartAsync(DatabaseProvider.Sqlite, new() { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var admin = "admin@acme.test";
        await OrganizationBuilder.AddUserAsync(scenario.Fixture.App, scenario.Fixture.OrganizationId, admin, DefaultRoles.Admin);
        var flagged = await BankAsync(scenario, admin, "NCMEC hashes", "wee.jpg", reportToNcmec: true);
        var plain = await BankAsync(scenario, admin, "Bridges", "bridge-orig.jpg", reportToNcmec: false);
        Assert.True(flagged.ReportMatchesToNcmec);
        Assert.False(plain.ReportMatchesToNcmec);

        await PostAsync(scenario, "p1", "u1", images.UrlFor("wee.jpg"));
        await PostAsync(scenario, "p2", "u2", images.UrlFor("bridge-orig.jpg"));
        await PostAsync(scenario, "p3", "u3", images.UrlFor("c.png"));

        var job = Assert.Single(await NcmecJobsAsync(scenario, "u1"));
        Assert.Equal((JobStatus.Open, JobSource.RuleExecution), (job.Status, job.Source));
        Assert.Empty(await NcmecJobsAsync(scenario, "u2"));
        Assert.Empty(await NcmecJobsAsync(scenario, "u3"));
        await using (var db = await scenario.ContextAsync())
        {
            Assert.Equal(["post/p1"], await db.NcmecJobItems.Where(i => i.JobId == job.Id).Select(i => i.ItemTypeId + "/" + i.ItemId).ToListAsync(TestContext.Current.CancellationToken));
            var content = await db.NcmecJobContents.SingleAsync(c => c.JobId == job.Id, TestContext.Current.CancellationToken);
            Assert.Equal([images.UrlFor("wee.jpg")], content.Media.Select(m => m.Url));
            var created = await db.JobEvents.Where(e => e.JobId == job.Id).Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Contains(created, d => d!.Contains("NCMEC hashes (SHA-256, exact)", StringComparison.Ordinal));
        }

        // A second matching post by the same author updates the open job; it does not open another.
        await PostAsync(scenario, "p4", "u1", images.UrlFor("wee.jpg") + "?copy=2");
        var same = Assert.Single(await NcmecJobsAsync(scenario, "u1"));
        Assert.Equal(job.Id, same.Id);
        await using (var db = await scenario.ContextAsync())
        {
            Assert.Equal(["post/p1", "post/p4"], (await db.NcmecJobItems.Where(i => i.JobId == job.Id).Select(i => i.ItemTypeId + "/" + i.ItemId)
                .ToListAsync(TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
        }

        // Unflagging the bank (the edit keeps the rest) stops new matches from enqueueing.
        await scenario.Fixture.App.AsUserAsync(admin, s => s.SendAsync<UpdateHashBankCommand, HashBankSummary>(
            new UpdateHashBankCommand(flagged.Id, flagged.Name, null, true, ReportMatchesToNcmec: false)));
        await PostAsync(scenario, "p5", "u5", images.UrlFor("wee.jpg") + "?copy=3");
        Assert.Empty(await NcmecJobsAsync(scenario, "u5"));
    }
}
