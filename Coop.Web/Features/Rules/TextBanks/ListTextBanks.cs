using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>The organization's text banks by name, without entries (bank lists and the rule editor's bank picker).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListTextBanksQuery;

internal sealed class ListTextBanksHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListTextBanksQuery, IReadOnlyList<TextBankSummary>>
{
    public async Task<IReadOnlyList<TextBankSummary>> HandleAsync(ListTextBanksQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var banks = await db.TextBanks.AsNoTracking().Where(b => b.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        return [.. banks.OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).Select(TextBankSummary.From)];
    }
}
