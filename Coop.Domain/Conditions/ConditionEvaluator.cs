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

    /// <summary>
    /// Evaluates a condition without signals (signal conditions are unavailable): the synchronous form of
    /// <see cref="ConditionEngine"/>, with the same semantics. True only for a Passed outcome.
    /// </summary>
    public static bool Evaluate(Condition condition, IConditionSubject subject)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(subject);
        var evaluation = ConditionEngine.EvaluateAsync(condition, subject, NoSignals.Instance);
        return evaluation.IsCompleted
            ? evaluation.Result.Passed
            : throw new InvalidOperationException("A condition without signals completes synchronously.");
    }

    /// <summary>Problems that make a condition unusable (an invalid regex, a non-number compared as a number, a missing field name), with where they are.</summary>
    public static IReadOnlyList<string> Problems(Condition? condition, string path = "conditions") => Problems(condition, null, path);

    /// <summary>
    /// As <see cref="Problems(Condition?, string)"/>, also checking signal conditions against the known signals
    /// (<paramref name="manifests"/> returns null for an unknown id; when it is null signals are not checked).
    /// </summary>
    public static IReadOnlyList<string> Problems(Condition? condition, Func<string, Signals.SignalManifest?>? manifests, string path = "conditions")
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
                    problems.AddRange(Problems(set.Conditions[i], manifests, $"{path}/{i}"));
                }

                break;
            case LeafCondition leaf:
                if (leaf.Input == ConditionInput.ItemField && string.IsNullOrWhiteSpace(leaf.Field))
                {
                    problems.Add($"{path}: name the item field to look at.");
                }

                if (leaf.Input == ConditionInput.ItemRole && !Enum.TryParse<ItemTypes.ItemTypeRole>(leaf.Field, ignoreCase: true, out _))
                {
                    problems.Add($"{path}: name the role to look at ({string.Join(", ", Enum.GetNames<ItemTypes.ItemTypeRole>())}).");
                }

                Signals.SignalManifest? manifest = null;
                if (leaf.Signal is { } call)
                {
                    if (string.IsNullOrWhiteSpace(call.Id))
                    {
                        problems.Add($"{path}/signal: name the signal.");
                    }
                    else if (manifests is not null)
                    {
                        manifest = manifests(call.Id);
                        if (manifest is null)
                        {
                            problems.Add($"{path}/signal: there is no signal '{call.Id}'.");
                        }
                        else
                        {
                            problems.AddRange(SignalProblems(manifest, call, $"{path}/signal"));
                        }
                    }
                }
                else if (leaf.Comparator == Comparator.IsUnavailable)
                {
                    problems.Add($"{path}: 'is unavailable' needs a signal.");
                }

                var needsValues = leaf.Comparator is not (Comparator.IsEmpty or Comparator.IsNotEmpty or Comparator.IsUnavailable)
                    && !(leaf.Signal is not null && (manifest is null || manifest.Output == Signals.SignalOutputType.Boolean)
                         && leaf.Comparator is Comparator.Equals or Comparator.NotEquals);
                if (needsValues && (leaf.Values.Count == 0 || leaf.Values.All(string.IsNullOrEmpty)))
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

    private static IEnumerable<string> SignalProblems(Signals.SignalManifest manifest, SignalCall call, string path)
    {
        var matching = manifest.Matching;
        var strings = call.StringList.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var banks = call.BankIdList.Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        if (strings.Count > 0 && !matching.HasFlag(Signals.SignalMatching.Strings))
        {
            yield return $"{path}/strings: {manifest.Name} takes no inline values.";
        }

        if (banks.Count > 0 && (matching & (Signals.SignalMatching.TextBanks | Signals.SignalMatching.HashBanks | Signals.SignalMatching.LocationBanks)) == 0)
        {
            yield return $"{path}/bankIds: {manifest.Name} takes no banks.";
        }

        if (matching != Signals.SignalMatching.None && strings.Count == 0 && banks.Count == 0)
        {
            yield return $"{path}: {manifest.Name} needs values or a bank to match against.";
        }

        if (manifest.Matching.HasFlag(Signals.SignalMatching.Strings) && (manifest.Id.Contains("regex", StringComparison.OrdinalIgnoreCase)))
        {
            for (var i = 0; i < strings.Count; i++)
            {
                string? problem = null;
                try
                {
                    _ = new Regex(strings[i], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (ArgumentException ex)
                {
                    problem = $"{path}/strings/{i}: '{strings[i]}' is not a valid regular expression ({ex.Message}).";
                }

                if (problem is not null)
                {
                    yield return problem;
                }
            }
        }

        foreach (var field in manifest.ConditionFields.Where(f => f.Required))
        {
            if (!call.ArgumentMap.TryGetValue(field.Key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                yield return $"{path}/arguments/{field.Key}: {field.Label} is required.";
            }
        }

        foreach (var field in manifest.ConditionFields)
        {
            if (call.ArgumentMap.TryGetValue(field.Key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                if (field.Type == Signals.SignalFieldType.Number && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    yield return $"{path}/arguments/{field.Key}: {field.Label} must be a number.";
                }
                else if (field.Type == Signals.SignalFieldType.Choice && field.Choices.Count > 0 && !field.Choices.Contains(value, StringComparer.Ordinal))
                {
                    yield return $"{path}/arguments/{field.Key}: {field.Label} must be one of {string.Join(", ", field.Choices)}.";
                }
            }
        }

        foreach (var key in call.ArgumentMap.Keys.Where(k => manifest.ConditionFields.All(f => f.Key != k)))
        {
            yield return $"{path}/arguments/{key}: {manifest.Name} has no setting '{key}'.";
        }
    }

    /// <summary>Whether any of <paramref name="actual"/> satisfies the leaf's comparison (no signal involved).</summary>
    internal static bool Compare(LeafCondition leaf, IReadOnlyList<string> actual)
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
            Comparator.IsUnavailable => false,
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
