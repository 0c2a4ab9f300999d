namespace Coop.Domain.Rules;

/// <summary>A proactive rule's status. Live rules act; Background rules evaluate and record only; Draft and Archived rules do not run.</summary>
public enum RuleStatus
{
    Draft,
    Background,
    Live,
    Archived,
}

/// <summary>Why a rule was evaluated; only <see cref="Live"/>, <see cref="Retroaction"/> and <see cref="Manual"/> take actions.</summary>
public enum RuleEnvironment
{
    Live,
    Background,
    Backtest,
    Retroaction,
    Manual,
}
