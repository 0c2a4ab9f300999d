using Coop.Domain.Conditions;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Rules.Components;

public sealed partial class ConditionGroupEditor
{
    [Parameter, EditorRequired]
    public ConditionGroupNode Node { get; set; } = default!;

    /// <summary>Where the group is in the condition (<c>Condition</c>, <c>Condition/0</c>…), for errors and test ids.</summary>
    [Parameter, EditorRequired]
    public string Path { get; set; } = "Condition";

    [Parameter, EditorRequired]
    public ConditionEditorContext Context { get; set; } = ConditionEditorContext.Empty;

    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public EventCallback Removed { get; set; }

    private bool IsRoot => Path == "Condition";

    private string Tid => ConditionEditorContext.TestId(Path);

    private async Task SetConjunctionAsync(Conjunction conjunction)
    {
        Node.Conjunction = conjunction;
        await Changed.InvokeAsync();
    }

    private async Task AddConditionAsync()
    {
        Node.Children.Add(new ConditionLeafNode());
        await Changed.InvokeAsync();
    }

    private async Task AddGroupAsync()
    {
        Node.Children.Add(new ConditionGroupNode { Conjunction = Node.Conjunction == Conjunction.And ? Conjunction.Or : Conjunction.And, Children = [new ConditionLeafNode()] });
        await Changed.InvokeAsync();
    }

    private async Task RemoveAsync(ConditionNode child)
    {
        Node.Children.Remove(child);
        await Changed.InvokeAsync();
    }
}
