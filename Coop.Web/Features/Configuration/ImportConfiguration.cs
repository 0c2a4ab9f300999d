using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Policies;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// Applies a configuration file to an organization (the <c>config import</c> verb). Operator-only.
/// Idempotent and id-keeping: entries are upserted by id; ids of another organization are refused; the
/// whole file is validated first (errors carry JSON pointers) and applied in one transaction in the order references
/// need: item types, policies, actions (which name item types), queues (which hide actions) and routing rules (which
/// name queues, and whose conditions name item types and policies). An item type gets a new revision only when something
/// about it changed. Default queues (and the default user type) are matched to the organization's own. Roles (by key),
/// single sign-on, the settings tabs and child safety follow (<see cref="SettingsImport"/>); what needs a secret the file
/// cannot carry is reported in <see cref="ImportConfigurationResult.Warnings"/>.
/// With <c>DryRun</c> the file is validated and the result says what would change, but nothing is written.
/// </summary>
[AllowAnonymousUse]
public sealed record ImportConfigurationCommand(string Json, string? Organization, string Actor = "cli", bool DryRun = false);

/// <summary>What an import did, per kind.</summary>
public sealed record ImportConfigurationResult(
    string OrganizationId, ImportCounts ItemTypes, ImportCounts Policies, ImportCounts Actions, ImportCounts Queues, ImportCounts RoutingRules,
    bool OutboundAllowListChanged = false,
    ImportCounts? Roles = null,
    IReadOnlyList<string>? SettingsChanged = null,
    IReadOnlyList<string>? Warnings = null,
    bool DryRun = false)
{
    public bool ChangedNothing => !OutboundAllowListChanged && (SettingsChanged ?? []).Count == 0
        && new[] { ItemTypes, Policies, Actions, Queues, RoutingRules, Roles ?? new ImportCounts(0, 0, 0) }.All(c => c.Created + c.Updated == 0);
}

public sealed record ImportCounts(int Created, int Updated, int Unchanged)
{
    internal static ImportCounts From(int[] counts) => new(counts[0], counts[1], counts[2]);
}

internal sealed class ImportConfigurationHandler(
    IDbContextFactory<CoopDbContext> factory, ItemTypeCatalog catalog, TimeProvider time, Coop.Infrastructure.Net.IOutboundAllowListSource allowLists,
    Microsoft.AspNetCore.Identity.ILookupNormalizer normalizer, Coop.Infrastructure.Net.OutboundConnectGuard guard,
    Microsoft.Extensions.Options.IOptions<Administration.Sso.SsoOptions> ssoOptions, Administration.Sso.SsoSchemes schemes, Realtime.ILiveEvents live)
    : ICommandHandler<ImportConfigurationCommand, ImportConfigurationResult>
{
    public async Task<ImportConfigurationResult> HandleAsync(ImportConfigurationCommand command, CancellationToken cancellationToken = default)
    {
        var document = Parse(command.Json);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await ConfigTarget.FindAsync(db, command.Organization, cancellationToken);
        var tree = await PolicyChanges.LoadTreeAsync(db, organization.Id, cancellationToken);
        var actions = await db.Actions.Where(a => a.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        actions.AddRange(BuiltInActions.AddMissing(db, organization.Id, actions, time.GetUtcNow().UtcDateTime));

        var itemTypes = await db.ItemTypes.Where(t => t.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        List<ReviewQueue> queues = [.. await DefaultQueues.EnsureAsync(db, organization.Id, time.GetUtcNow().UtcDateTime, cancellationToken)];
        var rules = await db.RoutingRules.Where(r => r.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var administration = new SettingsImport(db, organization, document, normalizer, guard, ssoOptions.Value.AllowHttpAuthority);
        var directory = new ConfigDirectory(
            await db.Users.Where(u => u.OrganizationId == organization.Id).Select(u => new ConfigUser(u.Id, u.Email)).ToListAsync(cancellationToken),
            await administration.ValidateRolesAsync(cancellationToken));

        var itemTypeIds = (document.ItemTypes ?? []).Select(t => t.Id).OfType<string>().ToList();
        var policyIds = (document.Policies ?? []).Select(p => p.Id).OfType<string>().ToList();
        var actionIds = (document.Actions ?? []).Select(a => a.Id).OfType<string>().ToList();
        var queueIds = (document.Queues ?? []).Select(q => q.Id).OfType<string>().ToList();
        var ruleIds = (document.RoutingRules ?? []).Select(r => r.Id).OfType<string>().ToList();
        var foreign = new ForeignIds(
            (await db.ItemTypes.Where(t => itemTypeIds.Contains(t.Id) && t.OrganizationId != organization.Id).Select(t => t.Id).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal),
            (await db.Policies.Where(p => policyIds.Contains(p.Id) && p.OrganizationId != organization.Id).Select(p => p.Id).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal),
            (await db.Actions.Where(a => actionIds.Contains(a.Id) && a.OrganizationId != organization.Id).Select(a => a.Id).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal),
            (await db.ReviewQueues.Where(q => queueIds.Contains(q.Id) && q.OrganizationId != organization.Id).Select(q => q.Id).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal),
            (await db.RoutingRules.Where(r => ruleIds.Contains(r.Id) && r.OrganizationId != organization.Id).Select(r => r.Id).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal));

        var validator = new ImportValidator(itemTypes, tree.Policies, actions, queues, rules, directory, foreign);
        var plan = validator.Validate(document);
        var (allowList, allowListProblems) = Domain.Organizations.OutboundAllowList.Normalize(document.OutboundAllowList ?? []);
        await administration.ValidateSettingsAsync(validator, directory, actions, plan, cancellationToken);
        var errors = validator.Errors.ToDictionary(e => e.Key, e => e.Value);
        foreach (var (pointer, messages) in administration.Errors)
        {
            errors[pointer] = [.. errors.GetValueOrDefault(pointer) ?? [], .. messages];
        }

        foreach (var (index, problem) in allowListProblems)
        {
            var pointer = index < 0 ? "/outboundAllowList" : $"/outboundAllowList/{index}";
            errors[pointer] = [$"{pointer}: {problem}"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var actor = new ConfigActor(organization.Id, null, command.Actor);
        var now = time.GetUtcNow().UtcDateTime;
        var itemTypeCounts = new int[3];
        foreach (var import in plan.ItemTypes)
        {
            itemTypeCounts[Apply(db, import, organization.Id, command.Actor, now)]++;
        }

        var policyCounts = new int[3];
        foreach (var import in plan.Policies)
        {
            var outcome = import.Existing is null ? 0
                : PolicyChanges.Update(db, tree, import.Existing, import.Details, actor, now) ? 1 : 2;
            if (outcome == 0)
            {
                PolicyChanges.Create(db, tree, import.Id, import.Details, actor, now);
            }

            policyCounts[outcome]++;
        }

        var actionCounts = new int[3];
        foreach (var import in plan.Actions)
        {
            var outcome = import.Existing is null ? 0
                : ActionChanges.Update(db, actions, import.Existing, import.Details, actor, now) ? 1 : 2;
            if (outcome == 0)
            {
                actions.Add(ActionChanges.Create(db, actions, import.Id, import.Details, actor, now));
            }

            actionCounts[outcome]++;
        }

        // A queue taking the default flag changes the previous default too: count what each queue of the file became.
        var queuesBefore = queues.ToDictionary(q => q.Id, QueueChanges.Snapshot, StringComparer.Ordinal);
        foreach (var import in plan.Queues)
        {
            if (import.Existing is null)
            {
                QueueChanges.Create(db, queues, import.Id, import.Details, actor, now);
            }
            else
            {
                QueueChanges.Update(db, queues, import.Existing, import.Details, actor, now);
            }
        }

        var queueCounts = new int[3];
        foreach (var import in plan.Queues)
        {
            queueCounts[import.Existing is null ? 0 : QueueChanges.Snapshot(import.Existing) != queuesBefore[import.Existing.Id] ? 1 : 2]++;
        }

        var ruleCounts = new int[3];
        foreach (var import in plan.RoutingRules)
        {
            var target = queues.Single(q => q.Id == import.Details.TargetQueueId);
            var outcome = import.Existing is null ? 0
                : RoutingRuleChanges.Update(db, import.Existing, import.Details, import.Position, target, actor, now) ? 1 : 2;
            if (outcome == 0)
            {
                RoutingRuleChanges.Create(db, import.Id, import.Position, import.Details, target, actor, now);
            }

            ruleCounts[outcome]++;
        }

        var allowListBefore = organization.OutboundAllowListEntries;
        var allowListChanged = document.OutboundAllowList is not null && !allowListBefore.SequenceEqual(allowList, StringComparer.Ordinal);
        if (allowListChanged)
        {
            organization.SetOutboundAllowList(allowList);
            db.AuditEntries.Add(AuditEntry.Record(organization.Id, null, command.Actor, "outbound-allow-list.updated", "organization", organization.Id,
                $"Imported outbound allow-list: {allowList.Count} entr{(allowList.Count == 1 ? "y" : "ies")}.", now,
                JsonSerializer.Serialize(allowListBefore), JsonSerializer.Serialize(allowList)));
        }

        var (roleCounts, settingsChanged) = administration.Apply(command.Actor, now);
        var result = new ImportConfigurationResult(organization.Id, ImportCounts.From(itemTypeCounts), ImportCounts.From(policyCounts),
            ImportCounts.From(actionCounts), ImportCounts.From(queueCounts), ImportCounts.From(ruleCounts), allowListChanged,
            roleCounts, settingsChanged, administration.Warnings, command.DryRun);
        if (command.DryRun)
        {
            // Nothing is saved: the transaction is rolled back as it is disposed.
            return result;
        }

        if (!result.ChangedNothing)
        {
            db.AuditEntries.Add(AuditEntry.Record(organization.Id, null, command.Actor, "config.imported", "organization", organization.Id,
                $"Imported configuration: {Describe(result)}.", now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ValidationFailedException("/", $"/: The database refused the import ({ex.InnerException?.Message ?? ex.Message}); nothing was changed.");
        }

        await transaction.CommitAsync(cancellationToken);
        if (allowListChanged)
        {
            allowLists.Invalidate(organization.Id);
        }

        if (result.ItemTypes.Created + result.ItemTypes.Updated > 0)
        {
            catalog.Invalidate(organization.Id);
        }

        if (administration.SsoChanged)
        {
            await schemes.InvalidateAsync(cancellationToken);
        }

        if (administration.RolesChanged)
        {
            await Administration.Roles.AccessChangeAnnouncer.AnnounceAsync(live, organization.Id, null, command.Actor, cancellationToken);
        }

        return result;
    }

    /// <summary>Describes the counts of every kind, e.g. <c>item types 2 created, 0 updated, 1 unchanged; policies …</c>.</summary>
    public static string Describe(ImportConfigurationResult result) =>
        $"item types {Describe(result.ItemTypes)}; policies {Describe(result.Policies)}; actions {Describe(result.Actions)}; "
        + $"queues {Describe(result.Queues)}; routing rules {Describe(result.RoutingRules)}"
        + (result.OutboundAllowListChanged ? "; outbound allow-list replaced" : string.Empty)
        + (result.Roles is { } roles && roles.Created + roles.Updated > 0 ? $"; roles {Describe(roles)}" : string.Empty)
        + (result.SettingsChanged is { Count: > 0 } settings ? $"; settings changed: {string.Join(", ", settings)}" : string.Empty);

    /// <summary>Creates (0), updates (1) or leaves alone (2) one item type; a change makes a revision and an audit entry.</summary>
    private static int Apply(CoopDbContext db, ItemTypeImport import, string organizationId, string actor, DateTime now)
    {
        if (import.Existing is null)
        {
            var (created, first) = ItemType.Create(organizationId, import.Name, import.Description, import.Schema, now, actor, import.Id);
            db.ItemTypes.Add(created);
            db.ItemTypeRevisions.Add(first);
            db.AuditEntries.Add(AuditEntry.Record(organizationId, null, actor, "item-type.created", "item-type", created.Id,
                $"Imported {created.Kind.ToWire()} item type '{created.Name}' with {created.Schema.Fields.Count} field(s), version {created.Version}.", now));
            return 0;
        }

        var itemType = import.Existing;
        if (itemType.Matches(import.Name, import.Description, import.Schema))
        {
            return 2;
        }

        var before = itemType.Version;
        db.ItemTypeRevisions.Add(itemType.Update(import.Name, import.Description, import.Schema, now, actor));
        db.AuditEntries.Add(AuditEntry.Record(organizationId, null, actor, "item-type.updated", "item-type", itemType.Id,
            $"Imported item type '{itemType.Name}': version {before} to {itemType.Version} ({itemType.Schema.Fields.Count} field(s)).", now));
        return 1;
    }

    private static ConfigDocument Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConfigDocument>(json, ConfigDocument.JsonOptions)
                ?? throw new ValidationFailedException("/", "/: The file is empty.");
        }
        catch (JsonException ex)
        {
            var pointer = Pointer(ex.Path);
            throw new ValidationFailedException(pointer, $"{pointer}: {ex.Message.Split(" Path:", 2)[0]}");
        }
        catch (NotSupportedException ex) when (ex.Message.Split(" Path: ", 2) is [var message, var path])
        {
            // A condition without its "type" (set or condition) cannot be read.
            var pointer = Pointer(path.Split(' ', 2)[0].TrimEnd('.', '|'));
            throw new ValidationFailedException(pointer, $"{pointer}: {message} Give each condition a \"type\": \"set\" or \"condition\".");
        }
    }

    /// <summary>Turns System.Text.Json's <c>$.policies[2].name</c> into the JSON pointer <c>/policies/2/name</c>.</summary>
    internal static string Pointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "/";
        }

        return path.TrimStart('$').Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)
            .Replace("'", string.Empty, StringComparison.Ordinal).Replace('.', '/');
    }

    private static string Describe(ImportCounts counts) => $"{counts.Created} created, {counts.Updated} updated, {counts.Unchanged} unchanged";
}
