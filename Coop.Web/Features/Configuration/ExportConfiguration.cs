using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// An organization's configuration as a file (the <c>config export</c> verb). Operator-only. Item types come
/// first (the default user type first, flagged), their schemas in Coop 1.0's shape. Header values are secrets and
/// are never exported: they are written as null. Queues follow the actions (by kind, the default first, then by name) with
/// their reviewers by email and role key, then routing rules by kind and position, the outbound allow-list, roles (by key)
/// with their permissions, single sign-on, the settings tabs and the child-safety settings, none with a secret
/// (<see cref="SettingsExport"/>). Every list is in a stable order, so
/// exporting what an export imported gives the same file.
/// </summary>
[AllowAnonymousUse]
public sealed record ExportConfigurationQuery(string Organization);

internal sealed class ExportConfigurationHandler(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
    : IQueryHandler<ExportConfigurationQuery, ConfigDocument>
{
    public const string HeaderNote =
        "Action header values are secrets and are not exported (each is null). On import a null value keeps the value "
        + "already saved under that header name; write the value in to set it.";

    public const string SecretsNote =
        "Other secrets are never exported either: the values of the appeal callback and partial-items headers (null, as for actions), "
        + "the single sign-on client secret and the CyberTipline credentials. Enter them in Settings on the target; single sign-on "
        + "imported into an organization without a client secret is turned off until one is entered.";

    public async Task<ConfigDocument> HandleAsync(ExportConfigurationQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organization = await ConfigTarget.FindAsync(db, query.Organization, cancellationToken);
        var tree = new PolicyTree(await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organization.Id).ToListAsync(cancellationToken));
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var itemTypes = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var emails = await db.Users.AsNoTracking().Where(u => u.OrganizationId == organization.Id)
            .ToDictionaryAsync(u => u.Id, u => u.Email, StringComparer.Ordinal, cancellationToken);
        var roleKeys = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organization.Id)
            .ToDictionaryAsync(r => r.Id, r => r.Key, StringComparer.Ordinal, cancellationToken);

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

        var itemTypeConfigs = itemTypes.OrderByDescending(t => t.IsDefaultUserType).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(ToConfig)
            .ToList();

        var queueConfigs = queues.OrderBy(q => q.Kind).ThenByDescending(q => q.IsDefault).ThenBy(q => q.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .Select(q => new QueueConfig(q.Id, q.Name, q.Description, q.Kind.ToWire(), q.Ordering.ToWire(), q.IsDefault,
                [.. q.ReviewerUsers.Select(id => emails.GetValueOrDefault(id) ?? id).Order(StringComparer.Ordinal)],
                [.. q.ReviewerRoles.Select(id => roleKeys.GetValueOrDefault(id) ?? id).Order(StringComparer.Ordinal)],
                [.. q.HiddenActions.Order(StringComparer.Ordinal)]))
            .ToList();
        var ruleConfigs = rules.OrderBy(r => r.Kind).ThenBy(r => r.Position).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new RoutingRuleConfig(r.Id, r.Name, r.Description, r.Kind.ToWire(), r.Position, ConditionEvaluator.Deserialize(r.ConditionJson), r.TargetQueueId))
            .ToList();

        var (roleConfigs, sso, settings, ncmec) = await SettingsExport.ReadAsync(db, organization, cancellationToken);
        return new ConfigDocument(ConfigDocument.CurrentVersion, time.GetUtcNow().UtcDateTime,
            new ConfigOrganization(organization.Id, organization.Name, organization.Email, organization.WebsiteUrl, organization.OnCallAlertEmail),
            [HeaderNote, SecretsNote], itemTypeConfigs, policies, actionConfigs, queueConfigs, ruleConfigs, organization.OutboundAllowListEntries,
            roleConfigs, sso, settings, ncmec);
    }

    private static ItemTypeConfig ToConfig(ItemType itemType)
    {
        var schema = itemType.Schema;
        return new ItemTypeConfig(itemType.Id, itemType.Name, itemType.Description, itemType.Kind.ToWire(), itemType.IsDefaultUserType,
            [.. schema.Fields.Select(ToConfig)],
            schema.Roles.Assigned.ToDictionary(r => ItemTypeRoleInfo.Get(r.Key).WireName, r => (string?)r.Value, StringComparer.Ordinal),
            schema.HiddenFields);
    }

    /// <summary>Coop 1.0's field shape, as <see cref="ItemTypeSchema.FieldToJson"/> writes it.</summary>
    private static ItemTypeFieldConfig ToConfig(ItemTypeField field) => new(field.Name, field.WireType, field.Required,
        field.Container is { } container
            ? new ItemTypeContainerConfig(container.ToWire(),
                container == ContainerType.Map ? (field.KeyScalarType ?? ScalarType.String).ToWire() : null, field.ScalarType.ToWire())
            : null);
}
