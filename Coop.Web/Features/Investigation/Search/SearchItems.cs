using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>
/// Items of the organization matching <see cref="Filters"/>, newest (last received) first, one page after
/// <see cref="After"/>. A text filter scans at most <see cref="InvestigationSearch.TextScanLimit"/> candidates per page;
/// when it stops there the page says so and the next page continues the scan.
/// </summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record SearchItemsQuery(InvestigationFilters Filters, string? After = null, int PageSize = InvestigationSearch.DefaultPageSize);

/// <summary>One found item: what it is, who made it, when Coop saw it.</summary>
public sealed record ItemSearchRow(
    string ItemTypeId, string TypeName, ItemTypeKind? Kind, string ItemId, string? DisplayName, string? CreatorId, string? CreatorTypeId,
    DateTime FirstSeenAt, DateTime LastSeenAt, int Versions);

/// <summary>A page of results; <see cref="Next"/> continues after it (null on the last page).</summary>
/// <param name="Rows">The page's items, newest first.</param>
/// <param name="Next">The cursor for the next page, or null.</param>
/// <param name="ScanLimited">The text scan stopped at its limit before filling the page: later pages may hold more matches.</param>
public sealed record ItemSearchPage(IReadOnlyList<ItemSearchRow> Rows, string? Next, bool ScanLimited);

internal sealed class SearchItemsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog)
    : IQueryHandler<SearchItemsQuery, ItemSearchPage>
{
    public async Task<ItemSearchPage> HandleAsync(SearchItemsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var org = actor.OrganizationId;
        var filters = query.Filters.Normalized();
        var pageSize = filters.ItemId is null ? Math.Clamp(query.PageSize, 1, InvestigationSearch.MaxPageSize) : InvestigationSearch.MaxPageSize;
        var types = await catalog.GetLatestAsync(org, cancellationToken);
        var userTypeIds = types.All.Where(t => t.Kind == ItemTypeKind.User).Select(t => t.Id).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ChildSafetyScope.LoadAsync(db, org, principal, cancellationToken);
        var search = new InvestigationSearch(db, org, filters, scope, userTypeIds);
        var after = filters.ItemId is null ? SearchCursor.Decode(query.After) : null;

        List<Item> found;
        string? next = null;
        var limited = false;
        if (filters.Text is null)
        {
            found = await search.Page(after, pageSize + 1).AsNoTracking().ToListAsync(cancellationToken);
            if (filters.ItemId is not null)
            {
                found = [.. found.OrderByDescending(i => i.LastSeenAt).ThenByDescending(i => i.ItemTypeId, StringComparer.Ordinal)];
            }
        }
        else
        {
            found = await search.TextPage(after, pageSize + 1).AsNoTracking().ToListAsync(cancellationToken);
            if (found.Count <= pageSize)
            {
                // Fewer matches than a page: either the candidates ran out, or the scan stopped at its limit.
                var last = await search.Ordered(after).Skip(InvestigationSearch.TextScanLimit - 1)
                    .Select(i => new { i.LastSeenAt, i.ItemTypeId, i.ItemId }).FirstOrDefaultAsync(cancellationToken);
                if (last is not null)
                {
                    limited = true;
                    next = new SearchCursor(last.LastSeenAt, last.ItemTypeId, last.ItemId).Encode();
                }
            }
        }

        if (found.Count > pageSize)
        {
            found.RemoveRange(pageSize, found.Count - pageSize);
            var last = found[^1];
            next = new SearchCursor(last.LastSeenAt, last.ItemTypeId, last.ItemId).Encode();
        }

        var submissionIds = found.Select(i => i.LatestSubmissionId).ToList();
        var names = await db.Set<ItemSubmission>().AsNoTracking().Where(s => submissionIds.Contains(s.Id))
            .Select(s => new { s.Id, s.DisplayName }).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return new ItemSearchPage(
            [.. found.Select(i => new ItemSearchRow(i.ItemTypeId, types.ById(i.ItemTypeId)?.Name ?? i.ItemTypeId, types.ById(i.ItemTypeId)?.Kind, i.ItemId,
                names.GetValueOrDefault(i.LatestSubmissionId), i.CreatorId, i.CreatorTypeId, i.FirstSeenAt, i.LastSeenAt, i.SubmissionCount))],
            next, limited);
    }
}
