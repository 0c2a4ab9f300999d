using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Routing;

/// <summary>The organization's routing rules in order (reports first, then appeals), with the queues they may send to.</summary>
[RequiresPermission(Permissions.ManageRoutingRules)]
public sealed record ListRoutingRulesQuery;

/// <summary>
/// Creates (<see cref="Id"/> null, placed last) or changes a routing rule. Error keys: <c>Name</c>, <c>TargetQueueId</c>, <c>Condition</c>.
/// </summary>
[RequiresPermission(Permissions.ManageRoutingRules)]
public sealed record SaveRoutingRuleCommand(string? Id, string Name, string? Description, QueueKind Kind, Condition Condition, string TargetQueueId);

[RequiresPermission(Permissions.ManageRoutingRules)]
public sealed record DeleteRoutingRuleCommand(string Id);

/// <summary>Moves a rule one place earlier (<see cref="Up"/>) or later among the rules of its kind.</summary>
[RequiresPermission(Permissions.ManageRoutingRules)]
public sealed record MoveRoutingRuleCommand(string Id, bool Up);

public sealed record RoutingRuleView(string Id, string Name, string? Description, QueueKind Kind, int Position, Condition Condition, string TargetQueueId, string TargetQueueName);

public sealed record RoutingRules(IReadOnlyList<RoutingRuleView> Rules, IReadOnlyList<Queues.Choice> ReportQueues, IReadOnlyList<Queues.Choice> AppealQueues)
{
    /// <summary>The signals a condition may use.</summary>
    public IReadOnlyList<Coop.Domain.Signals.SignalManifest> Signals { get; init; } = [];

    /// <summary>The fields of every item type (for the field picker).</summary>
    public IReadOnlyList<Coop.Domain.ItemTypes.ItemTypeField> Fields { get; init; } = [];
}

internal sealed class RoutingRulesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, Rules.Signals.SignalRegistry registry, TimeProvider time)
    : IQueryHandler<ListRoutingRulesQuery, RoutingRules>, ICommandHandler<SaveRoutingRuleCommand, RoutingRuleView>,
      ICommandHandler<DeleteRoutingRuleCommand, bool>, ICommandHandler<MoveRoutingRuleCommand, bool>
{
    public async Task<RoutingRules> HandleAsync(ListRoutingRulesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId).OrderBy(q => q.Name).ToListAsync(cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId)
            .OrderBy(r => r.Kind).ThenBy(r => r.Position).ToListAsync(cancellationToken);
        return new RoutingRules(
            [.. rules.Select(r => View(r, queues.FirstOrDefault(q => q.Id == r.TargetQueueId)?.Name ?? r.TargetQueueId))],
            [.. queues.Where(q => q.Kind == QueueKind.Standard).Select(q => new Queues.Choice(q.Id, q.Name))],
            [.. queues.Where(q => q.Kind == QueueKind.Appeals).Select(q => new Queues.Choice(q.Id, q.Name))])
        {
            Signals = registry.Manifests,
            Fields = [.. (await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken))
                .SelectMany(t => t.Schema.Fields).DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal)],
        };
    }

    public async Task<RoutingRuleView> HandleAsync(SaveRoutingRuleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = command.Id is null ? null
            : await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id && r.OrganizationId == actor.OrganizationId, cancellationToken)
              ?? throw new ValidationFailedException(string.Empty, "There is no such routing rule.");
        var details = new RoutingRuleDetails(command.Name, command.Description, rule?.Kind ?? command.Kind, command.Condition, command.TargetQueueId);
        var queue = await db.ReviewQueues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == command.TargetQueueId && q.OrganizationId == actor.OrganizationId, cancellationToken);
        var errors = RoutingRuleChanges.Validate(details, queue?.Kind, registry.ManifestOf);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var configActor = new ConfigActor(actor.OrganizationId, actor.UserId, actor.Name);
        if (rule is null)
        {
            var last = await db.RoutingRules.Where(r => r.OrganizationId == actor.OrganizationId && r.Kind == details.Kind).MaxAsync(r => (int?)r.Position, cancellationToken) ?? -1;
            rule = RoutingRuleChanges.Create(db, null, last + 1, details, queue!, configActor, now);
        }
        else
        {
            RoutingRuleChanges.Update(db, rule, details, null, queue!, configActor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return View(rule, queue!.Name);
    }

    public async Task<bool> HandleAsync(DeleteRoutingRuleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.RoutingRules.Remove(rule);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "routing-rule.deleted", "routing-rule", rule.Id, rule.Name, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> HandleAsync(MoveRoutingRuleCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id && r.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such routing rule.");
        var rules = await db.RoutingRules.Where(r => r.OrganizationId == actor.OrganizationId && r.Kind == rule.Kind).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var index = rules.FindIndex(r => r.Id == rule.Id);
        var swap = command.Up ? index - 1 : index + 1;
        if (swap < 0 || swap >= rules.Count)
        {
            return false;
        }

        (rules[index], rules[swap]) = (rules[swap], rules[index]);
        for (var i = 0; i < rules.Count; i++)
        {
            rules[i].MoveTo(i);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "routing-rule.moved", "routing-rule", rule.Id,
            $"{rule.Name} to position {swap + 1}", time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static RoutingRuleView View(RoutingRule r, string queueName) =>
        new(r.Id, r.Name, r.Description, r.Kind, r.Position, ConditionEvaluator.Deserialize(r.ConditionJson), r.TargetQueueId, queueName);
}
