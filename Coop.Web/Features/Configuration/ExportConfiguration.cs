using System.Text.Json.Nodes;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// An organization's configuration as a file (the <c>config export</c> verb). Operator-only. Header
/// values are secrets and are never exported: they are written as null.
/// </summary>
[AllowAnonymousUse]
public sealed record ExportConfigurationQuery(string Organization);

internal sealed class ExportConfigurationHandler(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
    : IQueryHandler<ExportConfigurationQuery, ConfigDocument>
{
    public const string HeaderNote =
        "Action header values are secrets and are not exported (each is null). On import a null value keeps the value "
        + "already saved under that header name; write the value in to set it.";

    public async Task<ConfigDocument> HandleAsync(ExportConfigurationQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organization = await ConfigTarget.FindAsync(db, query.Organization, cancellationToken);
        var tree = new PolicyTree(await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organization.Id).ToListAsync(cancellationToken));
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organization.Id).ToListAsync(cancellationToken);

        var policies = tree.ChildrenOf(null).SelectMany(p => tree.DescendantsOf(p.Id).Prepend(p))
            .Select(p => new PolicyConfig(p.Id, p.Name, p.ParentId, p.Description, p.EnforcementGuidelines, p.Penalty.ToWireName(),
                p.UserStrikeCount, p.ApplyUserStrikeCountToChildren))
            .ToList();
        var actionConfigs = actions.OrderBy(a => a.IsBuiltIn ? 0 : 1).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new ActionConfig(a.Id, a.Name, a.Description, Domain.Actions.ActionTypeNames.ToWireName(a.ActionType), a.ItemTypeIds,
                a.CallbackUrl, [.. a.HeaderNames.Select(n => new HeaderConfig(n, null))],
                a.CustomBody is null ? null : JsonNode.Parse(a.CustomBody) as JsonObject, a.ApplyUserStrikes,
                a.IsBuiltIn ? null : a.Parameters))
            .ToList();

        return new ConfigDocument(ConfigDocument.CurrentVersion, time.GetUtcNow().UtcDateTime,
            new ConfigOrganization(organization.Id, organization.Name), [HeaderNote], policies, actionConfigs);
    }
}
