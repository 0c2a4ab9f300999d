using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>The choices the search form offers: item types, policies, actions and the organization's people.</summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record GetInvestigationOptionsQuery;

public sealed record InvestigationOption(string Id, string Name);

public sealed record InvestigationTypeOption(string Id, string Name, ItemTypeKind Kind);

public sealed record InvestigationOptions(
    IReadOnlyList<InvestigationTypeOption> ItemTypes, IReadOnlyList<InvestigationOption> Policies, IReadOnlyList<InvestigationOption> Actions,
    IReadOnlyList<InvestigationOption> People);

internal sealed class GetInvestigationOptionsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog)
    : IQueryHandler<GetInvestigationOptionsQuery, InvestigationOptions>
{
    public async Task<InvestigationOptions> HandleAsync(GetInvestigationOptionsQuery query, CancellationToken cancellationToken = default)
    {
        var org = (await currentUser.RequireActorAsync()).OrganizationId;
        var types = await catalog.GetLatestAsync(org, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name)
            .Select(p => new InvestigationOption(p.Id, p.Name)).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org).OrderBy(a => a.Name)
            .Select(a => new InvestigationOption(a.Id, a.Name)).ToListAsync(cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => u.OrganizationId == org).OrderBy(u => u.Email)
            .Select(u => new InvestigationOption(u.Id, u.Email ?? u.Id)).ToListAsync(cancellationToken);
        return new InvestigationOptions(
            [.. types.All.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => new InvestigationTypeOption(t.Id, t.Name, t.Kind))],
            policies, actions, people);
    }
}
