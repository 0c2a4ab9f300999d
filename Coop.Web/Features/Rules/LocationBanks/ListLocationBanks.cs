using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.LocationBanks;

/// <summary>The organization's location banks by name, without entries (bank lists and the rule editor's bank picker).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListLocationBanksQuery;

internal sealed class ListLocationBanksHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListLocationBanksQuery, IReadOnlyList<LocationBankSummary>>
{
    public async Task<IReadOnlyList<LocationBankSummary>> HandleAsync(ListLocationBanksQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var banks = await db.LocationBanks.AsNoTracking().Where(b => b.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        return [.. banks.OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).Select(LocationBankSummary.From)];
    }
}
