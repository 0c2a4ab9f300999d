using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Strikes;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Users;

/// <summary>
/// The head of a user's history page: who they are (as last received; a user never sent is still a user when other
/// items name them), their strike score exact at this moment, and how many entries each section holds for the caller.
/// Null when the type is not one of the organization's user types.
/// </summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record GetUserHistorySummaryQuery(string UserTypeId, string UserId);

public sealed record UserHistorySummary(
    ItemIdentifier User,
    string UserTypeName,
    string? DisplayName,
    bool Received,
    DateTime? FirstSeenAt,
    DateTime? LastSeenAt,
    int ActiveStrikes,
    int Score,
    IReadOnlyDictionary<UserHistorySection, int> Counts);

internal sealed class GetUserHistorySummaryHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : IQueryHandler<GetUserHistorySummaryQuery, UserHistorySummary?>
{
    public async Task<UserHistorySummary?> HandleAsync(GetUserHistorySummaryQuery query, CancellationToken cancellationToken = default)
    {
        if (await UserHistoryScope.ResolveAsync(currentUser, catalog, query.UserTypeId, query.UserId, cancellationToken) is not { } scope)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = scope.User;
        var item = await (
            from i in db.Set<Item>().AsNoTracking()
            where i.OrganizationId == scope.OrganizationId && i.ItemTypeId == user.TypeId && i.ItemId == user.Id
            select new
            {
                i.FirstSeenAt, i.LastSeenAt,
                DisplayName = db.Set<ItemSubmission>().Where(s => s.Id == i.LatestSubmissionId).Select(s => s.DisplayName).FirstOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken);
        var active = await StrikeLedger.ActiveTotalAsync(db, scope.OrganizationId, user, now, cancellationToken);
        var counts = new Dictionary<UserHistorySection, int>
        {
            [UserHistorySection.Items] = await UserHistorySources.Items(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.ReportsAgainst] = await UserHistorySources.ReportsAgainst(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.ReportsBy] = await UserHistorySources.ReportsBy(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.Decisions] = await UserHistorySources.Decisions(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.Actions] = await UserHistorySources.Actions(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.Strikes] = await UserHistorySources.Strikes(db, scope).CountAsync(cancellationToken),
            [UserHistorySection.Appeals] = await UserHistorySources.Appeals(db, scope).CountAsync(cancellationToken),
        };
        return new UserHistorySummary(user, scope.UserTypeName, item?.DisplayName, item is not null, item?.FirstSeenAt, item?.LastSeenAt,
            active, StrikeRules.UserScore(active), counts);
    }
}
