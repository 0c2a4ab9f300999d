using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// The configuration file of <c>config export</c> and <c>config import</c>: one top-level key per kind
/// of configuration (<c>itemTypes</c>, <c>policies</c>, <c>actions</c>, <c>queues</c>, <c>routingRules</c>, <c>outboundAllowList</c>,
/// <c>roles</c>, <c>sso</c>, <c>settings</c>, <c>ncmec</c>; more kinds slot in beside them), ids kept. Secrets (header values, the SSO
/// client secret, CyberTipline credentials) are never in it.
/// </summary>
public sealed record ConfigDocument(
    int Version,
    DateTime? ExportedAt = null,
    ConfigOrganization? Organization = null,
    IReadOnlyList<string>? Notes = null,
    IReadOnlyList<ItemTypeConfig>? ItemTypes = null,
    IReadOnlyList<PolicyConfig>? Policies = null,
    IReadOnlyList<ActionConfig>? Actions = null,
    IReadOnlyList<QueueConfig>? Queues = null,
    IReadOnlyList<RoutingRuleConfig>? RoutingRules = null,
    IReadOnlyList<string>? OutboundAllowList = null,
    IReadOnlyList<RoleConfig>? Roles = null,
    SsoConfig? Sso = null,
    SettingsConfig? Settings = null,
    NcmecConfig? Ncmec = null)
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// camelCase, indented, nulls written (a null header value means "not exported"), unknown keys refused; a condition's
    /// <c>type</c> may come anywhere in its object.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        AllowOutOfOrderMetadataProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The organization a file was exported from, with its details (informational on import: an import never renames or re-addresses the target).</summary>
public sealed record ConfigOrganization(string? Id, string? Name, string? Email = null, string? WebsiteUrl = null, string? OnCallAlertEmail = null);

/// <summary>A policy in a configuration file. <c>penalty</c> is NONE, LOW, MEDIUM, HIGH or SEVERE.</summary>
public sealed record PolicyConfig(
    string? Id,
    string? Name,
    string? ParentId = null,
    string? Description = null,
    string? EnforcementGuidelines = null,
    string? Penalty = null,
    int? UserStrikeCount = null,
    bool? ApplyUserStrikeCountToChildren = null);

/// <summary>
/// An action in a configuration file. Built-in actions (<c>actionType</c> other than CUSTOM_ACTION) are
/// matched by type in the target organization, whatever their id.
/// </summary>
public sealed record ActionConfig(
    string? Id,
    string? Name,
    string? Description = null,
    string? ActionType = null,
    IReadOnlyList<string>? ItemTypeIds = null,
    string? CallbackUrl = null,
    IReadOnlyList<HeaderConfig>? Headers = null,
    JsonObject? CustomBody = null,
    bool? ApplyUserStrikes = null,
    IReadOnlyList<Domain.Actions.ActionParameter>? Parameters = null);

/// <summary>A custom header; a null value keeps the value already saved under the name.</summary>
public sealed record HeaderConfig(string? Name, string? Value);
