namespace Coop.Domain.Actions;

/// <summary>Where a bulk action run is: waiting for the worker, working through its items, or finished one way or another.</summary>
public enum BulkActionRunStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Cancelled = 3,
    Failed = 4,
}
