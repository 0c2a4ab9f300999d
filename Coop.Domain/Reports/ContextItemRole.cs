namespace Coop.Domain.Reports;

/// <summary>Why an item came with a report or appeal.</summary>
public enum ContextItemRole
{
    /// <summary>The reported (or appealed) item itself.</summary>
    Subject,

    /// <summary>An item of the thread around it (<c>reportedItemThread</c>).</summary>
    Thread,

    /// <summary>An item shown beside it (<c>additionalItems</c>).</summary>
    Additional,
}
