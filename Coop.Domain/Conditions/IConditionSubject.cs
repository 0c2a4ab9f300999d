namespace Coop.Domain.Conditions;

/// <summary>What conditions are evaluated against: the values of an input (none when absent; several for arrays).</summary>
public interface IConditionSubject
{
    IReadOnlyList<string> ValuesOf(ConditionInput input, string? field);
}
