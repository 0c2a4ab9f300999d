using Coop.Domain.Conditions;

namespace Coop.Web.Features.Rules.Components;

/// <summary>The condition editor's mutable form of a <see cref="Condition"/>: groups and leaves the inputs bind to.</summary>
public abstract class ConditionNode
{
    public abstract Condition ToCondition();

    public static ConditionNode From(Condition? condition) => condition switch
    {
        ConditionSet set => new ConditionGroupNode { Conjunction = set.Conjunction, Children = [.. (set.Conditions ?? []).Select(From)] },
        LeafCondition leaf => ConditionLeafNode.From(leaf),
        _ => new ConditionGroupNode(),
    };

    /// <summary>The root group for <paramref name="condition"/> (a lone leaf is put in an AND group).</summary>
    public static ConditionGroupNode Root(Condition? condition) =>
        From(condition) is ConditionGroupNode group ? group : new ConditionGroupNode { Children = [From(condition)] };
}

public sealed class ConditionGroupNode : ConditionNode
{
    public Conjunction Conjunction { get; set; } = Conjunction.And;

    public List<ConditionNode> Children { get; init; } = [];

    public override Condition ToCondition() => new ConditionSet(Conjunction, [.. Children.Select(c => c.ToCondition())]);
}

public sealed class ConditionLeafNode : ConditionNode
{
    public ConditionInput Input { get; set; } = ConditionInput.AllText;

    public string? Field { get; set; }

    public Comparator Comparator { get; set; } = Comparator.Contains;

    /// <summary>The value, or for "is one of" the values one per line.</summary>
    public string? ValuesText { get; set; }

    public string? SignalId { get; set; }

    /// <summary>The signal's inline matching values, one per line.</summary>
    public string? StringsText { get; set; }

    public IReadOnlyCollection<string> BankIds { get; set; } = [];

    public Dictionary<string, string> Arguments { get; } = new(StringComparer.Ordinal);

    public bool TakesField => Input is ConditionInput.ItemField or ConditionInput.ItemRole;

    public bool TakesValues => Comparator is not (Comparator.IsEmpty or Comparator.IsNotEmpty or Comparator.IsUnavailable);

    public static ConditionLeafNode From(LeafCondition leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var node = new ConditionLeafNode
        {
            Input = leaf.Input,
            Field = leaf.Field,
            Comparator = leaf.Comparator,
            ValuesText = string.Join('\n', leaf.Values ?? []),
            SignalId = leaf.Signal?.Id,
            StringsText = leaf.Signal is { } s ? string.Join('\n', s.StringList) : null,
            BankIds = leaf.Signal?.BankIdList.ToHashSet() ?? [],
        };
        foreach (var (key, value) in leaf.Signal?.ArgumentMap ?? new Dictionary<string, string>())
        {
            node.Arguments[key] = value;
        }

        return node;
    }

    public override Condition ToCondition()
    {
        IReadOnlyList<string> values = !TakesValues ? []
            : Comparator == Comparator.IsOneOf ? Lines(ValuesText)
            : string.IsNullOrEmpty(ValuesText) ? [] : [ValuesText.Trim()];
        var signal = string.IsNullOrWhiteSpace(SignalId) ? null : new SignalCall(
            SignalId,
            Lines(StringsText) is { Count: > 0 } strings ? strings : null,
            BankIds.Count > 0 ? [.. BankIds] : null,
            Arguments.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value.Trim(), StringComparer.Ordinal) is { Count: > 0 } arguments ? arguments : null);
        return new LeafCondition(Input, Comparator, values, TakesField && !string.IsNullOrWhiteSpace(Field) ? Field.Trim() : null, signal);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
