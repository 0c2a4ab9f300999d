namespace Coop.Domain.Actions;

/// <summary>What ran an action (Coop's correlation types).</summary>
public enum ActionExecutionSource
{
    /// <summary>A moderator ran it on an item from the console, outside a review job.</summary>
    ManualConsole = 0,

    /// <summary>The platform asked for it through <c>POST /api/v1/actions</c>.</summary>
    PostActions = 1,

    /// <summary>A moderator's decision on a review job.</summary>
    ReviewDecision = 2,

    /// <summary>A proactive or reporting rule matched.</summary>
    Rule = 3,

    /// <summary>A user's strike score crossed a threshold.</summary>
    StrikeThreshold = 4,

    /// <summary>A bulk action from investigation.</summary>
    Bulk = 5,

    /// <summary>An accepted appeal ran the "undo" action configured for an appealed action.</summary>
    AppealReversal = 6,
}
