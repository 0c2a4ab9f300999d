using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Signals;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Rules.Components;

public sealed partial class ConditionLeafEditor
{
    private const string NoSignal = "";

    [Parameter, EditorRequired]
    public ConditionLeafNode Node { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Path { get; set; } = "Condition/0";

    [Parameter, EditorRequired]
    public ConditionEditorContext Context { get; set; } = ConditionEditorContext.Empty;

    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public EventCallback Removed { get; set; }

    private string Tid => ConditionEditorContext.TestId(Path);

    private SignalManifest? Manifest => Context.Signal(Node.SignalId);

    private IReadOnlyList<RuleBankChoice> Banks => Context.BanksFor(Manifest);

    /// <summary>The fields of the rule's item types, plus the one the condition names if it is not among them.</summary>
    private IEnumerable<ItemTypeField> FieldChoices =>
        Node.Field is { Length: > 0 } name && Context.Fields.All(f => f.Name != name)
            ? Context.Fields.Append(new ItemTypeField(name, ScalarType.String, false))
            : Context.Fields;

    private Task SetInputAsync(ConditionInput input)
    {
        Node.Input = input;
        Node.Field = null;
        return Changed.InvokeAsync();
    }

    private Task SetFieldAsync(string? field)
    {
        Node.Field = field;
        return Changed.InvokeAsync();
    }

    private Task SetSignalAsync(string? id)
    {
        Node.SignalId = string.IsNullOrEmpty(id) ? null : id;
        Node.Arguments.Clear();
        Node.BankIds = [];
        foreach (var field in Manifest?.ConditionFields ?? [])
        {
            if (field.DefaultValue is { } value)
            {
                Node.Arguments[field.Key] = value;
            }
        }

        if (Manifest is { Output: SignalOutputType.Boolean } && Node.Comparator is not (Comparator.Equals or Comparator.NotEquals or Comparator.IsUnavailable))
        {
            Node.Comparator = Comparator.Equals;
            Node.ValuesText = null;
        }
        else if (Manifest is { Output: SignalOutputType.Number } && Node.Comparator is Comparator.Contains or Comparator.StartsWith or Comparator.MatchesRegex)
        {
            Node.Comparator = Comparator.GreaterOrEqual;
        }

        return Changed.InvokeAsync();
    }

    private Task SetComparatorAsync(Comparator comparator)
    {
        Node.Comparator = comparator;
        return Changed.InvokeAsync();
    }

    private Task SetValuesAsync(string? text)
    {
        Node.ValuesText = text;
        return Changed.InvokeAsync();
    }

    private Task SetStringsAsync(string? text)
    {
        Node.StringsText = text;
        return Changed.InvokeAsync();
    }

    private Task SetBanksAsync(IEnumerable<string> ids)
    {
        Node.BankIds = ids.ToHashSet(StringComparer.Ordinal);
        return Changed.InvokeAsync();
    }

    private Task SetArgumentAsync(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Node.Arguments.Remove(key);
        }
        else
        {
            Node.Arguments[key] = value;
        }

        return Changed.InvokeAsync();
    }
}
