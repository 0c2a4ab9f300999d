namespace Coop.Web.Features.Users;

/// <summary>The parts of a user's history, each paged on its own (newest first).</summary>
public enum UserHistorySection
{
    /// <summary>Items the user created (their author/creator field points at the user).</summary>
    Items = 0,

    /// <summary>Reports about the user or about their items.</summary>
    ReportsAgainst = 1,

    /// <summary>Reports the user made as a reporter.</summary>
    ReportsBy = 2,

    /// <summary>Review decisions on the user or their items (child-safety queues only with VIEW_CHILD_SAFETY_DATA).</summary>
    Decisions = 3,

    /// <summary>Actions run on the user or their items, whoever ran them.</summary>
    Actions = 4,

    /// <summary>Strikes, active and expired or removed.</summary>
    Strikes = 5,

    /// <summary>Appeals by the user or about them or their items.</summary>
    Appeals = 6,
}
