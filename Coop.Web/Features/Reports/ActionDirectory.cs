using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Reports;

/// <summary>Looks up which action and policy ids exist in an organization (one query each).</summary>
internal sealed class ActionDirectory(IDbContextFactory<CoopDbContext> factory) : IActionDirectory
{
    public async Task<IReadOnlySet<string>> ExistingActionIdsAsync(string organizationId, IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken)
    {
        if (actionIds.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = actionIds.Distinct().ToList();
        return (await db.Actions.Where(a => a.OrganizationId == organizationId && ids.Contains(a.Id)).Select(a => a.Id)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> ExistingPolicyIdsAsync(string organizationId, IReadOnlyCollection<string> policyIds, CancellationToken cancellationToken)
    {
        if (policyIds.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = policyIds.Distinct().ToList();
        return (await db.Policies.Where(p => p.OrganizationId == organizationId && ids.Contains(p.Id)).Select(p => p.Id)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }
}
