namespace Coop.Domain.Moderation;

/// <summary>How a queue hands out its jobs.</summary>
public enum QueueOrdering
{
    /// <summary>Oldest job first.</summary>
    Age = 0,

    /// <summary>Highest priority score first (policy penalty, report count, rule severity, age), then oldest.</summary>
    Priority = 1,
}
