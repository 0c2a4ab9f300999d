using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coop.Domain.Conditions;

/// <summary>Evaluates and checks conditions. Regular expressions run with a time limit; a timeout counts as no match.</summary>
public static class ConditionEvaluator
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(Condition condition) => JsonSerializer.Serialize(condition, Json);

    public static Condition Deserialize(string json) =>
        JsonSerializer.Deserialize<Condition>(json, Json) ?? throw new JsonException("A condition cannot be null.");

    public static bool Evaluate(Condition condition, IConditionSubject subject)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(subject);
        return condition switch
        {
            ConditionSet { Conditions.Count: 0 } => true,
            ConditionSet { Conjunction: Conjunction.And } set => set.Conditions.All(c => Evaluate(c, subject)),
            ConditionSet set => set.Conditions.Any(c => Evaluate(c, subject)),
            LeafCondition leaf => Compare(leaf, subject.ValuesOf(leaf.Input, leaf.Field)),
            _ => false,
        };
    }

    /// <summary>Problems that make a condition unusable (an invalid regex, a non-number compared as a number, a missing field name), with where they are.</summary>
    public static IReadOnlyList<string> Problems(Condition? condition, string path = "conditions")
    {
        var problems = new List<string>();
        switch (condition)
        {
            case null:
                problems.Add($"{path}: a condition cannot be null.");
                break;
            case ConditionSet { Conditions: null }:
                problems.Add($"{path}: list the set's conditions (an empty list matches everything).");
                break;
            case LeafCondition { Values: null }:
                problems.Add($"{path}: list the values to compare with (an empty list for IsEmpty and IsNotEmpty).");
                break;
            case ConditionSet set:
                for (var i = 0; i < set.Conditions.Count; i++)
                {
                    problems.AddRange(Problems(set.Conditions[i], $"{path}/{i}"));
                }

                break;
            case LeafCondition leaf:
                if (leaf.Input == ConditionInput.ItemField && string.IsNullOrWhiteSpace(leaf.Field))
                {
                    problems.Add($"{path}: name the item field to look at.");
                }

                if (leaf.Comparator is not (Comparator.IsEmpty or Comparator.IsNotEmpty) && (leaf.Values.Count == 0 || leaf.Values.All(string.IsNullOrEmpty)))
                {
                    problems.Add($"{path}: give a value to compare with.");
                }

                if (leaf.Comparator is Comparator.LessThan or Comparator.LessOrEqual or Comparator.GreaterThan or Comparator.GreaterOrEqual
                    && leaf.Values.Any(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    problems.Add($"{path}: a number comparison needs a number.");
                }

                if (leaf.Comparator == Comparator.MatchesRegex)
                {
                    foreach (var pattern in leaf.Values)
                    {
                        try
                        {
                            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                        }
                        catch (ArgumentException ex)
                        {
                            problems.Add($"{path}: '{pattern}' is not a valid regular expression ({ex.Message}).");
                        }
                    }
                }

                break;
        }

        return problems;
    }

    private static bool Compare(LeafCondition leaf, IReadOnlyList<string> actual)
    {
        var values = leaf.Values;
        return leaf.Comparator switch
        {
            Comparator.IsEmpty => actual.All(string.IsNullOrEmpty),
            Comparator.IsNotEmpty => actual.Any(a => !string.IsNullOrEmpty(a)),
            Comparator.NotEquals => !actual.Any(a => values.Any(v => Same(a, v))),
            Comparator.Equals or Comparator.IsOneOf => actual.Any(a => values.Any(v => Same(a, v))),
            Comparator.Contains => actual.Any(a => values.Any(v => a.Contains(v, StringComparison.OrdinalIgnoreCase))),
            Comparator.StartsWith => actual.Any(a => values.Any(v => a.StartsWith(v, StringComparison.OrdinalIgnoreCase))),
            Comparator.MatchesRegex => actual.Any(a => values.Any(v => Matches(a, v))),
            _ => actual.Any(a => values.Any(v => CompareNumbers(leaf.Comparator, a, v))),
        };
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool CompareNumbers(Comparator comparator, string actual, string expected)
    {
        if (!double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            || !double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
        {
            return false;
        }

        return comparator switch
        {
            Comparator.LessThan => a < e,
            Comparator.LessOrEqual => a <= e,
            Comparator.GreaterThan => a > e,
            _ => a >= e,
        };
    }
}
