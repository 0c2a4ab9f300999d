using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Signals;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>Creates a rule (version 1). Needs the Live permission for a Live rule, else the draft one (see <see cref="RuleEditPermissions"/>).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record CreateRuleCommand(RuleInput Rule);

/// <summary>
/// Changes a rule. <see cref="ExpectedVersion"/> is the version the editor loaded: when someone saved since, the change is
/// refused (error key <c>Version</c>) rather than overwriting theirs. An unchanged definition keeps the version.
/// </summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record UpdateRuleCommand(string Id, int ExpectedVersion, RuleInput Rule);

/// <summary>Moves a rule to Draft, Background, Live or Archived (a new version); <see cref="ExpectedVersion"/> as for <see cref="UpdateRuleCommand"/> when given.</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record SetRuleStatusCommand(string Id, RuleStatus Status, int? ExpectedVersion = null);

/// <summary>Deletes a Draft or Archived rule with its versions, matches and statistics (archive a rule to keep its history).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record DeleteRuleCommand(string Id);

/// <summary>The outcome of a save: the rule's id and version, and whether anything changed.</summary>
public sealed record RuleSaved(string Id, int Version, bool Changed);

internal sealed class RuleChangesHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time, SignalRegistry registry, ILiveEvents live)
    : ICommandHandler<CreateRuleCommand, RuleSaved>, ICommandHandler<UpdateRuleCommand, RuleSaved>,
      ICommandHandler<SetRuleStatusCommand, RuleSaved>, ICommandHandler<DeleteRuleCommand, bool>
{
    public async Task<RuleSaved> HandleAsync(CreateRuleCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        RuleEditPermissions.Ensure(await currentUser.GetPrincipalAsync(), null, command.Rule.Status);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ThrowIfInvalidAsync(db, actor.OrganizationId, null, command.Rule, cancellationToken);
        var rule = Rule.Create(actor.OrganizationId, actor.UserId, now);
        rule.Define(command.Rule.ToDefinition(), now);
        db.Rules.Add(rule);
        db.RuleVersions.Add(RuleVersion.Capture(rule, actor.UserId, now));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "rule.created", "rule", rule.Id, $"{rule.Name} ({rule.Status})", now));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(actor, rule.Id, cancellationToken);
        return new RuleSaved(rule.Id, rule.Version, true);
    }

    public async Task<RuleSaved> HandleAsync(UpdateRuleCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await FindAsync(db, actor, command.Id, cancellationToken);
        ThrowIfStale(rule, command.ExpectedVersion);
        RuleEditPermissions.Ensure(await currentUser.GetPrincipalAsync(), rule.Status, command.Rule.Status);
        await ThrowIfInvalidAsync(db, actor.OrganizationId, rule.Id, command.Rule, cancellationToken);
        var from = rule.Status;
        return await SaveAsync(db, actor, rule, command.Rule.ToDefinition(), from == command.Rule.Status ? "rule.updated" : "rule.status-changed", cancellationToken);
    }

    public async Task<RuleSaved> HandleAsync(SetRuleStatusCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await FindAsync(db, actor, command.Id, cancellationToken);
        if (command.ExpectedVersion is { } expected)
        {
            ThrowIfStale(rule, expected);
        }

        RuleEditPermissions.Ensure(await currentUser.GetPrincipalAsync(), rule.Status, command.Status);
        var definition = rule.Definition with { Status = command.Status };
        if (command.Status is RuleStatus.Live or RuleStatus.Background)
        {
            // What the rule refers to may have gone since it was saved: check again before it runs.
            await ThrowIfInvalidAsync(db, actor.OrganizationId, rule.Id, RuleInput.From(definition), cancellationToken);
        }

        return await SaveAsync(db, actor, rule, definition, "rule.status-changed", cancellationToken);
    }

    public async Task<bool> HandleAsync(DeleteRuleCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.Rules.SingleOrDefaultAsync(r => r.Id == command.Id && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        RuleEditPermissions.Ensure(await currentUser.GetPrincipalAsync(), rule.Status, rule.Status);
        if (rule.Status is not (RuleStatus.Draft or RuleStatus.Archived))
        {
            throw new ValidationFailedException("Status", "Only Draft and Archived rules can be deleted: set the rule to Draft or Archived first.");
        }

        db.Rules.Remove(rule);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "rule.deleted", "rule", rule.Id, rule.Name, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(actor, rule.Id, cancellationToken);
        return true;
    }

    private async Task<RuleSaved> SaveAsync(CoopDbContext db, Actor actor, Rule rule, RuleDefinition definition, string auditAction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var from = rule.Status;
        if (!rule.Define(definition, now))
        {
            return new RuleSaved(rule.Id, rule.Version, false);
        }

        db.RuleVersions.Add(RuleVersion.Capture(rule, actor.UserId, now));
        var details = from == rule.Status ? $"{rule.Name} (version {rule.Version})" : $"{rule.Name}: {from} → {rule.Status} (version {rule.Version})";
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, auditAction, "rule", rule.Id, details, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException?.Message.Contains("RuleVersions", StringComparison.OrdinalIgnoreCase) == true
                                           || ex.InnerException?.Message.Contains("unique", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Someone saved the same version concurrently: theirs stands.
            throw Stale(null);
        }

        await PublishAsync(actor, rule.Id, cancellationToken);
        return new RuleSaved(rule.Id, rule.Version, true);
    }

    private static async Task<Rule> FindAsync(CoopDbContext db, Actor actor, string id, CancellationToken cancellationToken) =>
        await db.Rules.SingleOrDefaultAsync(r => r.Id == id && r.OrganizationId == actor.OrganizationId, cancellationToken)
        ?? throw new ValidationFailedException(string.Empty, "There is no such rule.");

    private static void ThrowIfStale(Rule rule, int expectedVersion)
    {
        if (rule.Version != expectedVersion)
        {
            throw Stale(rule.Version);
        }
    }

    private static ValidationFailedException Stale(int? current) => new(
        "Version",
        $"Someone else saved this rule since you opened it{(current is { } v ? $" (it is now at version {v})" : string.Empty)}. Reload it to see their changes, then make yours again.");

    private async Task ThrowIfInvalidAsync(CoopDbContext db, string organizationId, string? ruleId, RuleInput input, CancellationToken cancellationToken)
    {
        var errors = await RuleValidation.ValidateAsync(db, organizationId, ruleId, input, registry, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private async Task PublishAsync(Actor actor, string ruleId, CancellationToken cancellationToken) =>
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Rules(actor.OrganizationId), LiveEventKinds.RuleChanged, ruleId, actor.UserId), cancellationToken);
}
