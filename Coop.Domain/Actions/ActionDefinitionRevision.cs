using System.Text.Json;

namespace Coop.Domain.Actions;

/// <summary>
/// One revision of an action: its state at <see cref="Version"/>, kept after later edits and deletion.
/// Header values are secrets and are not part of the snapshot (only the header names are).
/// </summary>
public sealed class ActionDefinitionRevision
{
    private ActionDefinitionRevision()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string ActionId { get; private set; } = string.Empty;

    public DateTime Version { get; private set; }

    /// <summary>created, updated or deleted.</summary>
    public string Change { get; private set; } = string.Empty;

    public string ChangedBy { get; private set; } = string.Empty;

    public string Snapshot { get; private set; } = "{}";

    public static ActionDefinitionRevision Capture(ActionDefinition action, string change, string changedBy, DateTime? version = null) => new()
    {
        OrganizationId = action.OrganizationId,
        ActionId = action.Id,
        Version = version ?? action.Version,
        Change = change,
        ChangedBy = string.IsNullOrWhiteSpace(changedBy) ? "system" : changedBy,
        Snapshot = JsonSerializer.Serialize(new
        {
            action.Id,
            action.Name,
            action.Description,
            ActionType = action.ActionType.ToWireName(),
            action.ItemTypeIds,
            action.CallbackUrl,
            action.HeaderNames,
            action.CustomBody,
            action.ApplyUserStrikes,
            action.Parameters,
        }),
    };
}
