using Coop.Domain.ChildSafety;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.ChildSafety.Review;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>The child-safety reviewer's report decision: validated by field, and recorded with exactly one Pending submission in the same transaction.</summary>
[Trait("Category", "Integration")]
public sealed class NcmecDecisionTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static async Task<(NcmecReviewScenario Scenario, ReviewJob Job, IReadOnlyList<NcmecJobMedium> Media)> HeldJobAsync(DatabaseProvider provider)
    {
        var scenario = await NcmecReviewScenario.StartAsync(provider);
        await scenario.SeedPostsAsync("u1", ("p1", [NcmecReviewScenario.Image("a"), NcmecReviewScenario.Image("b")]));
        await scenario.ReportCsamAsync("p9", "u1", NcmecReviewScenario.Image("reported"));
        var job = await scenario.NcmecJobAsync("u1");
        await scenario.ClaimAsync(job.Id, scenario.ChildSafetyId);
        await using var db = await scenario.ContextAsync();
        var media = (await db.NcmecJobContents.SingleAsync(c => c.JobId == job.Id)).Media;
        return (scenario, job, media);
    }

    private static Task<NcmecDecisionOutcome> SubmitAsync(NcmecReviewScenario scenario, SubmitNcmecReportCommand command) =>
        scenario.Fixture.App.AsUserAsync(scenario.ChildSafety, s => s.SendAsync<SubmitNcmecReportCommand, NcmecDecisionOutcome>(command));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_valid_report_decision_closes_the_job_and_creates_exactly_one_pending_submission(DatabaseProvider provider)
    {
        var (scenario, job, media) = await HeldJobAsync(provider);
        await using var _ = scenario;
        var inputs = new[]
        {
            new NcmecMediumInput(media[0].Key, NcmecMediumCategory.A1, NcmecFileAnnotations.Infant | NcmecFileAnnotations.Viral),
            new NcmecMediumInput(media[1].Key, NcmecMediumCategory.None),
            new NcmecMediumInput(media[2].Key, NcmecMediumCategory.B2),
        };

        var outcome = await SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.ChildPornography, inputs, true, " urgent ", "context"));

        await using var db = await scenario.ContextAsync();
        var submission = await db.NcmecSubmissions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((outcome.SubmissionId, job.Id, NcmecSubmissionState.Pending, NcmecEnvironment.Test, scenario.ChildSafetyId, "u1"),
            (submission.Id, submission.JobId, submission.State, submission.Environment, submission.ReviewerUserId, submission.UserItemId));
        var request = submission.Request;
        Assert.Equal((NcmecIncidentType.ChildPornography, "urgent", "context"), (request.IncidentType, request.EscalationReason, request.AdditionalInfo));
        Assert.Equal([(media[0].Url, NcmecIndustryClassification.A1), (media[2].Url, NcmecIndustryClassification.B2)], request.Media.Select(m => (m.Url, m.Classification)));
        Assert.Equal(NcmecFileAnnotations.Infant | NcmecFileAnnotations.Viral, request.Media[0].Annotations);
        var decision = await db.ReviewDecisions.SingleAsync(d => d.JobId == job.Id, TestContext.Current.CancellationToken);
        Assert.Equal((DecisionKind.SubmitNcmecReport, "u1"), (decision.Kind, decision.UserItemId));
        Assert.Equal(JobStatus.Closed, (await db.ReviewJobs.SingleAsync(j => j.Id == job.Id, TestContext.Current.CancellationToken)).Status);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "ncmec.report-decided", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("https://", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("context", audit.Details, StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(scenario,
            new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.ChildPornography, inputs)));
        Assert.Contains("already been decided", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.NcmecSubmissions.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_decisions_are_refused_by_field_and_store_nothing()
    {
        var (scenario, job, media) = await HeldJobAsync(DatabaseProvider.Sqlite);
        await using var _ = scenario;

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, null,
            [new NcmecMediumInput(media[0].Key, NcmecMediumCategory.A2)], Escalate: true, AdditionalInfo: new string('x', NcmecVocabulary.AdditionalInfoMaxLength + 1))));
        Assert.Equal(["additionalInfo", "escalationReason", "incidentType", "media"], missing.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("every medium", missing.Errors["media"][0], StringComparison.Ordinal);

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.OnlineEnticement,
            [.. media.Select(m => new NcmecMediumInput(m.Key, NcmecMediumCategory.None))], true, new string('r', NcmecVocabulary.EscalationReasonMaxLength + 1))));
        Assert.Equal(["escalationReason", "media"], tooLong.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("at least one medium", tooLong.Errors["media"][0], StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.OnlineEnticement,
            [.. media.Select(m => new NcmecMediumInput(m.Key, NcmecMediumCategory.A1)), new NcmecMediumInput("not-a-medium", NcmecMediumCategory.A1)], ThreadKeys: ["thread/x"])));
        Assert.Equal(["media/not-a-medium", "threads"], unknown.Errors.Keys.Order(StringComparer.Ordinal));

        await using var db = await scenario.ContextAsync();
        Assert.False(await db.NcmecSubmissions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.ReviewDecisions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JobStatus.Open, (await db.ReviewJobs.SingleAsync(j => j.Id == job.Id, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task With_a_minimum_requirement_n_classified_media_with_one_reportable_are_enough()
    {
        var (scenario, job, media) = await HeldJobAsync(DatabaseProvider.Sqlite);
        await using var _ = scenario;
        await using (var db = await scenario.ContextAsync())
        {
            var settings = NcmecSettings.CreateDefault(scenario.Fixture.OrganizationId);
            settings.SetMediaReview(NcmecMediaReviewRequirement.Minimum, 2);
            db.NcmecSettings.Add(settings);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var one = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.ChildPornography,
            [new NcmecMediumInput(media[0].Key, NcmecMediumCategory.A1)])));
        Assert.Contains("at least 2 classified media", Assert.Single(one.Errors["media"]), StringComparison.Ordinal);

        await SubmitAsync(scenario, new SubmitNcmecReportCommand(job.Id, NcmecIncidentType.ChildPornography,
            [new NcmecMediumInput(media[0].Key, NcmecMediumCategory.None), new NcmecMediumInput(media[1].Key, NcmecMediumCategory.B1)]));
        await using var check = await scenario.ContextAsync();
        Assert.Single(Assert.Single(await check.NcmecSubmissions.ToListAsync(TestContext.Current.CancellationToken)).Request.Media);
    }

    [Fact]
    public async Task No_report_closes_the_job_with_an_ignore_decision_and_no_submission()
    {
        var (scenario, job, _) = await HeldJobAsync(DatabaseProvider.Sqlite);
        await using var _s = scenario;

        await scenario.Fixture.App.AsUserAsync(scenario.ChildSafety, s => s.SendAsync<DeclineNcmecReportCommand, NcmecDecisionOutcome>(new DeclineNcmecReportCommand(job.Id)));

        await using var db = await scenario.ContextAsync();
        Assert.Equal(DecisionKind.Ignore, (await db.ReviewDecisions.SingleAsync(TestContext.Current.CancellationToken)).Kind);
        Assert.False(await db.NcmecSubmissions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ncmec.no-report" && a.TargetId == job.Id, TestContext.Current.CancellationToken));
    }
}
