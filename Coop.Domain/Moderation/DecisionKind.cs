namespace Coop.Domain.Moderation;

/// <summary>What a reviewer decided about a job (Coop's decision component types).</summary>
public enum DecisionKind
{
    /// <summary>No violation: nothing is done (the org's ignore callback is told, if it has one).</summary>
    Ignore = 0,

    /// <summary>One or more actions, under one or more policies.</summary>
    Action = 1,

    /// <summary>Sent to another queue for someone else to decide.</summary>
    Move = 2,

    /// <summary>Sent to child-safety (NCMEC) review.</summary>
    EnqueueToNcmec = 3,

    /// <summary>The appeal is upheld: the original decision was wrong.</summary>
    AcceptAppeal = 4,

    /// <summary>The appeal is refused: the original decision stands.</summary>
    RejectAppeal = 5,

    /// <summary>Closed by the system (the item was deleted, the reports were withdrawn).</summary>
    AutomaticClose = 6,

    /// <summary>On an NCMEC job: the reviewer decided to file a CyberTipline report (an <c>NcmecSubmission</c> carries it).</summary>
    SubmitNcmecReport = 7,
}
