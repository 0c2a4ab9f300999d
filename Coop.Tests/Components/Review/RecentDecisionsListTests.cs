using System.Security.Claims;
using Bunit;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Identity;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Components.Review;

[Trait("Category", "Component")]
public sealed class RecentDecisionsListTests : CoopComponentTest
{
    private readonly FakeDecisions decisions = new();

    public RecentDecisionsListTests()
    {
        Authorization.SetAuthorized("lead@example.org").SetPolicies(Permissions.ViewMrtData)
            .SetClaims(new Claim(CoopClaimTypes.OrganizationId, "org-1"));
        Services.AddSingleton<IQueryHandler<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>>(decisions);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        Services.AddLogging();
    }

    [Fact]
    public async Task A_decision_made_elsewhere_appears_without_a_reload()
    {
        var cut = Render<RecentDecisionsList>();
        Assert.NotNull(cut.Find("[data-testid=recent-decisions-empty]"));

        decisions.Rows.Add(new DecisionRow("job-9", TimeProvider.System.GetUtcNow().UtcDateTime, DecisionKind.Action, "mod@example.org", "Default",
            "post", "p9", ["Ban"], ["Spam"], "<b>not bold</b>"));
        await Services.GetRequiredService<ILiveEvents>().PublishAsync(new LiveEvent("org-1", LiveTopics.Decisions("org-1"), LiveEventKinds.JobClosed, "job-9"),
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Contains("Ban", cut.Find("[data-testid=decision-row-job-9]").TextContent, StringComparison.Ordinal));
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("b"));
    }

    [Fact]
    public async Task Another_organizations_decisions_do_not_wake_the_list()
    {
        var cut = Render<RecentDecisionsList>();
        var before = decisions.Calls;

        await Services.GetRequiredService<ILiveEvents>().PublishAsync(new LiveEvent("org-2", LiveTopics.Decisions("org-2"), LiveEventKinds.JobClosed, "job-1"),
            Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(before, decisions.Calls);
        Assert.NotNull(cut.Find("[data-testid=recent-decisions-empty]"));
    }

    private sealed class FakeDecisions : IQueryHandler<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>
    {
        public List<DecisionRow> Rows { get; } = [];

        public int Calls { get; private set; }

        public Task<IReadOnlyList<DecisionRow>> HandleAsync(ListRecentDecisionsQuery query, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<DecisionRow>>([.. Rows]);
        }
    }
}
