using Coop.Domain.Authorization;
using Coop.Domain.Rules.LocationBanks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.LocationBanks;

/// <summary>
/// A page of a location bank's entries by prefix, as lines (<c>prefix</c> or <c>prefix,label</c>), optionally only
/// those whose prefix or label contains <paramref name="Search"/> (ignoring case).
/// </summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListLocationBankEntriesQuery(string BankId, string? Search = null, int Skip = 0, int Take = 100);

public sealed record LocationBankEntryPage(LocationBankSummary Bank, IReadOnlyList<string> Entries, int MatchingCount);

internal sealed class ListLocationBankEntriesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListLocationBankEntriesQuery, LocationBankEntryPage?>
{
    public async Task<LocationBankEntryPage?> HandleAsync(ListLocationBankEntriesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.LocationBanks.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == query.BankId && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (bank is null)
        {
            return null;
        }

        var entries = db.LocationBankEntries.AsNoTracking().Where(e => e.BankId == bank.Id);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            // ToLower/Contains become SQL lower() and instr/strpos: no culture applies, and % or _ in the needle are literal.
#pragma warning disable CA1304, CA1311, CA1862
            entries = entries.Where(e => e.Prefix.Contains(search) || (e.Label != null && e.Label.ToLower().Contains(search)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var count = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderBy(e => e.Prefix)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 1000))
            .Select(e => new { e.Prefix, e.Label }).ToListAsync(cancellationToken);
        return new LocationBankEntryPage(LocationBankSummary.From(bank), [.. page.Select(e => LocationBankEntries.Format(e.Prefix, e.Label))], count);
    }
}
