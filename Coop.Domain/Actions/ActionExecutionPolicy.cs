namespace Coop.Domain.Actions;

/// <summary>
/// One policy an <see cref="ActionExecution"/> ran under, as its own row (with the item it ran on), so "items actioned
/// under policy X" is an index lookup rather than a scan of every execution's policy JSON.
/// </summary>
public sealed class ActionExecutionPolicy
{
    private ActionExecutionPolicy()
    {
    }

    public string ExecutionId { get; private set; } = string.Empty;

    public string PolicyId { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    internal static ActionExecutionPolicy For(ActionExecution execution, string policyId) =>
        new()
        {
            ExecutionId = execution.Id,
            PolicyId = policyId,
            OrganizationId = execution.OrganizationId,
            ItemTypeId = execution.ItemTypeId,
            ItemId = execution.ItemId,
        };
}
