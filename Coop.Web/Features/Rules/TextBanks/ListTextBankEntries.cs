using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>
/// A page of a text bank's entries in alphabetical order, optionally only those containing <paramref name="Search"/>
/// (ignoring case). <see cref="TextBankEntryPage.MatchingCount"/> counts every matching entry.
/// </summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListTextBankEntriesQuery(string BankId, string? Search = null, int Skip = 0, int Take = 100);

public sealed record TextBankEntryPage(TextBankSummary Bank, IReadOnlyList<string> Entries, int MatchingCount);

internal sealed class ListTextBankEntriesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListTextBankEntriesQuery, TextBankEntryPage?>
{
    public async Task<TextBankEntryPage?> HandleAsync(ListTextBankEntriesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bank = await db.TextBanks.AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == query.BankId && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (bank is null)
        {
            return null;
        }

        var entries = db.TextBankEntries.AsNoTracking().Where(e => e.BankId == bank.Id);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            // ToLower/Contains become SQL lower() and instr/strpos: no culture applies, and % or _ in the needle are literal.
#pragma warning disable CA1304, CA1311, CA1862
            entries = entries.Where(e => e.Value.ToLower().Contains(search));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var count = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderBy(e => e.Value).ThenBy(e => e.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 1000))
            .Select(e => e.Value).ToListAsync(cancellationToken);
        return new TextBankEntryPage(TextBankSummary.From(bank), page, count);
    }
}
