using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Settings;

/// <summary>The organization's decision rules as reviewers' screens need them (no callback details).</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record GetReviewRulesQuery;

public sealed record ReviewRules(bool RequirePolicy, bool RequireReasonOnAction, bool RequireReasonOnIgnore, bool AllowMultiplePolicies, bool HideSkipForNonAdmins);

internal sealed class GetReviewRulesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser) : IQueryHandler<GetReviewRulesQuery, ReviewRules>
{
    public async Task<ReviewRules> HandleAsync(GetReviewRulesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var s = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(x => x.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        return new ReviewRules(s.RequirePolicyForDecisions, s.RequireReasonOnAction, s.RequireReasonOnIgnore, s.AllowMultiplePoliciesPerAction, s.HideSkipForNonAdmins);
    }
}
