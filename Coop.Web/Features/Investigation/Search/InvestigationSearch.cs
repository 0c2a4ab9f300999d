using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>
/// The search's SQL, as LINQ over <see cref="Item"/> (one row per item, kept current by ingestion). Each filter is an
/// index lookup: item id (Items org+id), type (the key), user (org+creator), dates (org+last seen, also the order), policy
/// (ActionExecutionPolicies), action (ActionExecutions org+action+item), decision maker (ReviewDecisions org+reviewer).
/// Text is the one filter no index serves, so it scans a bounded number of candidates per page.
/// </summary>
internal sealed class InvestigationSearch(CoopDbContext db, string organizationId, InvestigationFilters filters, ChildSafetyScope scope, IReadOnlyList<string> userTypeIds)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>How many candidates (newest first, after the other filters) one page of a text search reads at most.</summary>
    public const int TextScanLimit = 2000;

    /// <summary>Items matching every filter but text, visible to the user, after <paramref name="after"/>, newest first.</summary>
    public IQueryable<Item> Ordered(SearchCursor? after) => Newest(Filtered(after));

    /// <summary>
    /// One page without a text filter. An exact item id matches at most one item per type, so that page is every match,
    /// read through the id index and put in order by the caller (an ORDER BY would tempt SQLite into the time index).
    /// </summary>
    public IQueryable<Item> Page(SearchCursor? after, int take) => filters.ItemId is null ? Ordered(after).Take(take) : Filtered(null).Take(take);

    private IQueryable<Item> Filtered(SearchCursor? after)
    {
        var org = organizationId;
        var items = db.Set<Item>().Where(i => i.OrganizationId == org);
        if (filters.ItemId is { } itemId)
        {
            items = items.Where(i => i.ItemId == itemId);
        }

        if (filters.ItemTypeId is { } typeId)
        {
            items = items.Where(i => i.ItemTypeId == typeId);
        }

        if (filters.From is { } from)
        {
            var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            items = items.Where(i => i.LastSeenAt >= since);
        }

        if (filters.To is { } to)
        {
            var before = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            items = items.Where(i => i.LastSeenAt < before);
        }

        if (filters.PolicyId is { } policyId)
        {
            items = items.Where(i => db.ActionExecutionPolicies.Any(p =>
                p.OrganizationId == org && p.PolicyId == policyId && p.ItemTypeId == i.ItemTypeId && p.ItemId == i.ItemId));
        }

        if (filters.ActionId is { } actionId)
        {
            items = items.Where(i => db.ActionExecutions.Any(e =>
                e.OrganizationId == org && e.ActionId == actionId && e.ItemTypeId == i.ItemTypeId && e.ItemId == i.ItemId));
        }

        var hidden = scope.HidesNothing ? [] : scope.NcmecQueueIds;
        if (filters.DecidedBy is { } reviewer)
        {
            items = items.Where(i => db.ReviewDecisions.Any(d =>
                d.OrganizationId == org && d.ReviewerUserId == reviewer && d.ItemTypeId == i.ItemTypeId && d.ItemId == i.ItemId
                && !hidden.Contains(d.QueueId)));
        }

        if (!scope.HidesNothing)
        {
            // Hidden: items with a job in an NCMEC queue, or that put their author into one (user-centred NCMEC jobs), and no job anywhere else.
            items = items.Where(i =>
                (!db.ReviewJobs.Any(j => j.OrganizationId == org && j.ItemTypeId == i.ItemTypeId && j.ItemId == i.ItemId && hidden.Contains(j.QueueId))
                    && !db.NcmecJobItems.Any(n => n.OrganizationId == org && n.ItemTypeId == i.ItemTypeId && n.ItemId == i.ItemId))
                || db.ReviewJobs.Any(j => j.OrganizationId == org && j.ItemTypeId == i.ItemTypeId && j.ItemId == i.ItemId && !hidden.Contains(j.QueueId)));
        }

        if (filters.UserId is { } userId)
        {
            // Two disjoint branches (UNION ALL), each served by its own index (the author; the user item itself), where one OR
            // would be served by none; the second branch excludes what the first already has.
            var userTypes = filters.UserTypeId is { } one ? [one] : userTypeIds;
            var authored = filters.UserTypeId is { } userType
                ? items.Where(i => i.CreatorId == userId && i.CreatorTypeId == userType)
                : items.Where(i => i.CreatorId == userId);
            items = authored.Concat(items.Where(i => i.ItemId == userId && userTypes.Contains(i.ItemTypeId)
                && !(i.CreatorId == userId && (filters.UserTypeId == null || i.CreatorTypeId == filters.UserTypeId))));
        }

        // An exact item id matches at most one item per type: one page holds them all, so it never pages (and the id index
        // serves it however many items the organization has).
        if (after is not null && filters.ItemId is null)
        {
            var (t, type, id) = (after.LastSeenAt, after.ItemTypeId, after.ItemId);

            // string.Compare becomes SQL's "<" under the column's collation, the same order ORDER BY uses.
#pragma warning disable CA1309
            items = items.Where(i => i.LastSeenAt < t
                || (i.LastSeenAt == t && (string.Compare(i.ItemTypeId, type) < 0 || (i.ItemTypeId == type && string.Compare(i.ItemId, id) < 0))));
#pragma warning restore CA1309
        }

        return items;
    }

    /// <summary>One page with the text filter, over at most <see cref="TextScanLimit"/> candidates.</summary>
    public IQueryable<Item> TextPage(SearchCursor? after, int take)
    {
        // Data is stored as JSON text with JavaScriptEncoder.Default escaping, so the needle is escaped the same way.
        var needle = System.Text.Json.JsonSerializer.Serialize(filters.Text!.ToLowerInvariant())[1..^1].ToLowerInvariant();
        var candidates = Ordered(after).Take(TextScanLimit);

        // ToLower/Contains become SQL lower() and instr/strpos: no culture applies, and % or _ in the needle are literal.
#pragma warning disable CA1304, CA1311, CA1862
        var matches =
            from i in candidates
            join s in db.Set<ItemSubmission>() on i.LatestSubmissionId equals s.Id
            where s.Data.ToLower().Contains(needle)
            select i;
#pragma warning restore CA1304, CA1311, CA1862
        return Newest(matches).Take(take);
    }

    private static IQueryable<Item> Newest(IQueryable<Item> items) =>
        items.OrderByDescending(i => i.LastSeenAt).ThenByDescending(i => i.ItemTypeId).ThenByDescending(i => i.ItemId);
}
