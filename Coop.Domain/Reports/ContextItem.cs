using Coop.Domain.Items;

namespace Coop.Domain.Reports;

/// <summary>An item a report or appeal carried, in its role and position, pointing at the stored submission.</summary>
public sealed class ContextItem
{
    private ContextItem()
    {
    }

    public ContextItemRole Role { get; private set; }

    public int Position { get; private set; }

    public ItemSubmission Submission { get; private set; } = default!;

    public static ContextItem Of(ContextItemRole role, int position, ItemSubmission submission) =>
        new() { Role = role, Position = position, Submission = submission };
}
