using System.Net;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Review;

/// <summary>Reports and appeals become review jobs in the right queue; more reports on an item join its open job.</summary>
[Trait("Category", "Integration")]
public sealed class RoutingTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static string ReportBody(string itemId, string reporter, bool csam = false, string? policyId = null) => $$"""
        { "reporter": { "kind": "user", "id": "{{reporter}}", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
          "reportedForReason": { "reason": "looks bad", "csam": {{(csam ? "true" : "false")}} {{(policyId is null ? "" : $", \"policyId\": \"{policyId}\"")}} },
          "reportedItem": { "id": "{{itemId}}", "typeId": "post", "data": { "text": "hello" } } }
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reports_join_one_open_job_per_item_csam_goes_to_NCMEC_and_appeals_to_the_appeals_queue(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);
        await fixture.AddPolicyAsync("spam", "Spam");
        await fixture.AddActionAsync("remove", "Remove");
        foreach (var body in new[] { ReportBody("p1", "u1", policyId: "spam"), ReportBody("p1", "u2"), ReportBody("p2", "u3", csam: true) })
        {
            using var response = await fixture.Client.PostAsync("/api/v1/report", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using (var appeal = await fixture.Client.PostAsync("/api/v1/report/appeal", """
            { "appealId": "a-1", "appealedBy": { "id": "u9", "typeId": "user" }, "appealedAt": "2026-11-24T11:00:00Z",
              "actionedItem": { "id": "p3", "typeId": "post", "data": { "text": "mine" } }, "actionsTaken": ["remove"] }
            """))
        {
            Assert.Equal(HttpStatusCode.NoContent, appeal.StatusCode);
        }

        await fixture.WaitUntilAsync(async db => await db.Set<Report>().CountAsync(r => r.JobId != null) >= 3 && await db.Set<Appeal>().AnyAsync(a => a.JobId != null));
        await using var db = await fixture.ContextAsync();
        var queues = await db.ReviewQueues.Where(q => q.OrganizationId == fixture.OrganizationId).ToDictionaryAsync(q => q.Name, TestContext.Current.CancellationToken);
        Assert.Equal([DefaultQueues.AppealsName, DefaultQueues.NcmecName, DefaultQueues.ReportsName], queues.Keys.Order(StringComparer.Ordinal));
        var jobs = await db.ReviewJobs.Where(j => j.OrganizationId == fixture.OrganizationId).ToListAsync(TestContext.Current.CancellationToken);
        var p1 = Assert.Single(jobs, j => j.ItemId == "p1");
        Assert.Equal((queues[DefaultQueues.ReportsName].Id, 2, JobSource.Report), (p1.QueueId, p1.ReportCount, p1.Source));
        Assert.Equal(JobPriority.Score(Coop.Domain.Policies.Penalty.Medium, 2, false), p1.PriorityScore);
        Assert.Equal(queues[DefaultQueues.NcmecName].Id, Assert.Single(jobs, j => j.ItemId == "p2").QueueId);
        var appealJob = Assert.Single(jobs, j => j.ItemId == "p3");
        Assert.Equal((queues[DefaultQueues.AppealsName].Id, JobSource.Appeal), (appealJob.QueueId, appealJob.Source));
        Assert.Equal(appealJob.Id, (await db.Set<Appeal>().SingleAsync(TestContext.Current.CancellationToken)).JobId);
        Assert.All(await db.Set<Report>().Where(r => r.ItemId == "p1").ToListAsync(TestContext.Current.CancellationToken), r => Assert.Equal(p1.Id, r.JobId));
        Assert.Equal([JobEventKind.Created, JobEventKind.ReportAttached],
            await db.JobEvents.Where(e => e.JobId == p1.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_decided_item_reported_again_gets_a_new_job()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        using (var first = await fixture.Client.PostAsync("/api/v1/report", ReportBody("p1", "u1")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await fixture.WaitUntilAsync(db => db.Set<Report>().AnyAsync(r => r.JobId != null));
        await using (var db = await fixture.ContextAsync())
        {
            var job = await db.ReviewJobs.SingleAsync(TestContext.Current.CancellationToken);
            job.Close(null, TimeProvider.System.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var second = await fixture.Client.PostAsync("/api/v1/report", ReportBody("p1", "u2")))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        await fixture.WaitUntilAsync(async db => await db.Set<Report>().CountAsync(r => r.JobId != null) >= 2);
        await using var check = await fixture.ContextAsync();
        Assert.Equal([JobStatus.Closed, JobStatus.Open], await check.ReviewJobs.OrderBy(j => j.CreatedAt).Select(j => j.Status).ToListAsync(TestContext.Current.CancellationToken));
    }
}
