using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Users;

/// <summary>
/// One page of one section of a user's history, newest first. Pass the previous page's <see cref="UserHistorySlice.Next"/>
/// as <see cref="After"/> for the page after it: pages are keyset (seek) pages on indexed columns, so page 400 costs what
/// page 1 does and rows arriving meanwhile never shift or repeat a page. Null when the type is not a user type.
/// </summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record ListUserHistoryQuery(string UserTypeId, string UserId, UserHistorySection Section, UserHistoryCursor? After = null, int Take = 25)
{
    public const int MaxTake = 500;
}

/// <summary>Where a page ended: the last row's time and its tie-breaking key(s). Opaque to callers.</summary>
public sealed record UserHistoryCursor(DateTime At, string Key, string? Key2 = null);

/// <summary>A page of entries and the cursor of the next page (null when this was the last).</summary>
public sealed record UserHistorySlice(IReadOnlyList<UserHistoryEntry> Entries, UserHistoryCursor? Next);

/// <summary>
/// One thing in a user's history. <see cref="Item"/> is the item it concerns, <see cref="Person"/> the other user in it
/// (a reporter, the user who appealed); <see cref="ExpiresAt"/> and <see cref="Active"/> are set for strikes.
/// </summary>
public sealed record UserHistoryEntry(
    UserHistorySection Section,
    string Id,
    DateTime At,
    string Title,
    string? Detail,
    ItemIdentifier? Item = null,
    ItemIdentifier? Person = null,
    string? JobId = null,
    DateTime? ExpiresAt = null,
    bool? Active = null);

internal sealed class ListUserHistoryHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, TimeProvider time)
    : IQueryHandler<ListUserHistoryQuery, UserHistorySlice?>
{
    public async Task<UserHistorySlice?> HandleAsync(ListUserHistoryQuery query, CancellationToken cancellationToken = default)
    {
        if (await UserHistoryScope.ResolveAsync(currentUser, catalog, query.UserTypeId, query.UserId, cancellationToken) is not { } scope)
        {
            return null;
        }

        var take = Math.Clamp(query.Take, 1, ListUserHistoryQuery.MaxTake);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pages = new UserHistoryPages(db, scope, take, time.GetUtcNow().UtcDateTime);
        return query.Section switch
        {
            UserHistorySection.Items => await pages.ItemsAsync(query.After, cancellationToken),
            UserHistorySection.ReportsAgainst => await pages.ReportsAsync(UserHistorySources.ReportsAgainst(db, scope), query.Section, query.After, cancellationToken),
            UserHistorySection.ReportsBy => await pages.ReportsAsync(UserHistorySources.ReportsBy(db, scope), query.Section, query.After, cancellationToken),
            UserHistorySection.Decisions => await pages.DecisionsAsync(query.After, cancellationToken),
            UserHistorySection.Actions => await pages.ActionsAsync(query.After, cancellationToken),
            UserHistorySection.Strikes => await pages.StrikesAsync(query.After, cancellationToken),
            UserHistorySection.Appeals => await pages.AppealsAsync(query.After, cancellationToken),
            _ => throw new ValidationFailedException("section", "Unknown section."),
        };
    }
}
