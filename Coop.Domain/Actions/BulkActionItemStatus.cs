namespace Coop.Domain.Actions;

/// <summary>One item of a bulk run: not yet actioned, actioned (its executions and callbacks committed), or refused with an error.</summary>
public enum BulkActionItemStatus
{
    Pending = 0,
    Done = 1,
    Failed = 2,
}
