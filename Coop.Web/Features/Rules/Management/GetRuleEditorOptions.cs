using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Rules.Signals;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>What the rule editor offers: item types with their fields, actions with their parameters, policies, queues and signals, and what the user may change.</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record GetRuleEditorOptionsQuery;

public sealed record RuleEditorOptions(
    IReadOnlyList<RuleItemTypeOption> ItemTypes,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<RuleChoice> Policies,
    IReadOnlyList<RuleChoice> Queues,
    IReadOnlyList<SignalManifest> Signals,
    bool CanEdit,
    bool CanEditLive);

public sealed record RuleChoice(string Id, string Name);

/// <summary>An item type and its schema fields (for the field picker).</summary>
public sealed record RuleItemTypeOption(string Id, string Name, ItemTypeKind Kind, IReadOnlyList<ItemTypeField> Fields);

internal sealed class GetRuleEditorOptionsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, SignalRegistry registry)
    : IQueryHandler<GetRuleEditorOptionsQuery, RuleEditorOptions>
{
    public async Task<RuleEditorOptions> HandleAsync(GetRuleEditorOptionsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var itemTypes = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == actor.OrganizationId).Select(p => new { p.Id, p.Name, p.ParentId }).ToListAsync(cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId && q.Kind == QueueKind.Standard)
            .OrderBy(q => q.Name).Select(q => new RuleChoice(q.Id, q.Name)).ToListAsync(cancellationToken);
        var byId = policies.ToDictionary(p => p.Id);
        string PathOf(string id, int depth = 0) =>
            byId.TryGetValue(id, out var p) ? (p.ParentId is { } parent && depth < 10 ? $"{PathOf(parent, depth + 1)} › {p.Name}" : p.Name) : id;
        return new RuleEditorOptions(
            [.. itemTypes.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => new RuleItemTypeOption(t.Id, t.Name, t.Kind, t.Schema.Fields))],
            [.. actions.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Select(ActionView.From)],
            [.. policies.Select(p => new RuleChoice(p.Id, PathOf(p.Id))).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)],
            queues,
            registry.Manifests,
            RuleEditPermissions.CanEdit(principal),
            RuleEditPermissions.CanEditLive(principal));
    }
}
