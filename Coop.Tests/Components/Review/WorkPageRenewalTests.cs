using Bunit;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Jobs;
using Coop.Web.Features.Review.Settings;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Components.Review;

/// <summary>
/// The work page keeps the claim it has just taken while the job is still loading: on a loaded server reading the job can
/// take longer than a renewal interval (seen in the two-node test: 20 s), and a page that only renewed what it showed lost
/// the job to the sweeper before it ever appeared.
/// </summary>
public sealed class WorkPageRenewalTests : CoopComponentTest
{
    [Fact]
    public async Task A_claim_whose_job_is_still_loading_is_renewed_every_interval()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var options = new ReviewOptions { ClaimLeaseSeconds = 30 };
        var claimed = new ClaimedJob("job-1", "queue-1", clock.GetUtcNow().UtcDateTime + options.ClaimLease);
        var loading = new TaskCompletionSource<JobDetails?>();
        var renewals = new List<string>();

        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        Services.AddSingleton(new CircuitConnection());
        Services.AddSingleton(new ClaimTracker(new Coop.Web.Operations.NodeClaims()));
        Services.AddSingleton<ILiveEvents>(new InMemoryLiveEvents(NullLogger<InMemoryLiveEvents>.Instance));
        Services.AddSingleton<ICommandHandler<ClaimNextJobCommand, ClaimedJob?>>(new Handler<ClaimNextJobCommand, ClaimedJob?>(_ => Task.FromResult<ClaimedJob?>(claimed)));
        Services.AddSingleton<ICommandHandler<RenewClaimCommand, ClaimedJob?>>(new Handler<RenewClaimCommand, ClaimedJob?>(c =>
        {
            lock (renewals)
            {
                renewals.Add(c.JobId);
            }

            return Task.FromResult<ClaimedJob?>(claimed with { ExpiresAt = clock.GetUtcNow().UtcDateTime + options.ClaimLease });
        }));
        Services.AddSingleton<ICommandHandler<ReleaseClaimCommand, bool>>(new Handler<ReleaseClaimCommand, bool>(_ => Task.FromResult(true)));
        Services.AddSingleton<ICommandHandler<SkipJobCommand, ClaimedJob?>>(new Handler<SkipJobCommand, ClaimedJob?>(_ => Task.FromResult<ClaimedJob?>(null)));
        Services.AddSingleton<ICommandHandler<HandOffJobCommand, bool>>(new Handler<HandOffJobCommand, bool>(_ => Task.FromResult(false)));
        Services.AddSingleton<IQueryHandler<ListHandOffCandidatesQuery, IReadOnlyList<Colleague>>>(new Handler<ListHandOffCandidatesQuery, IReadOnlyList<Colleague>>(_ => Task.FromResult<IReadOnlyList<Colleague>>([])));
        Services.AddSingleton<IQueryHandler<GetJobQuery, JobDetails?>>(new Handler<GetJobQuery, JobDetails?>(_ => loading.Task));
        Services.AddSingleton<IQueryHandler<GetDecisionOptionsQuery, DecisionOptions?>>(new Handler<GetDecisionOptionsQuery, DecisionOptions?>(_ => Task.FromResult<DecisionOptions?>(null)));
        Services.AddSingleton<IQueryHandler<GetReviewRulesQuery, ReviewRules>>(new Handler<GetReviewRulesQuery, ReviewRules>(_ => Task.FromResult(new ReviewRules(false, false, false, true, false))));
        SignInWith();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<WorkPage>(p => p.Add(w => w.QueueId, "queue-1"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=work-loading]")));

        // Two renewal intervals pass with the job still loading: the claim is renewed at each.
        clock.Advance(options.RenewInterval);
        page.WaitForAssertion(() => Assert.Equal(["job-1"], Snapshot(renewals)));
        clock.Advance(options.RenewInterval);
        page.WaitForAssertion(() => Assert.Equal(["job-1", "job-1"], Snapshot(renewals)));
        Assert.NotNull(page.Find("[data-testid=work-loading]"));
        await page.InvokeAsync(() => loading.TrySetCanceled(Xunit.TestContext.Current.CancellationToken));
    }

    private static List<string> Snapshot(List<string> renewals)
    {
        lock (renewals)
        {
            return [.. renewals];
        }
    }

    private sealed class Handler<TIn, TOut>(Func<TIn, Task<TOut>> handle) : ICommandHandler<TIn, TOut>, IQueryHandler<TIn, TOut>
        where TIn : notnull
    {
        public Task<TOut> HandleAsync(TIn input, CancellationToken cancellationToken = default) => handle(input);
    }
}
