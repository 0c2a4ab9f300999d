using Coop.Domain.Conditions;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Rules.Components;

public sealed partial class ConditionTreeEditor
{
    private ConditionGroupNode root = new();
    private Condition? last;

    [Parameter]
    public Condition? Value { get; set; }

    [Parameter]
    public EventCallback<Condition> ValueChanged { get; set; }

    [Parameter]
    public ConditionEditorContext Context { get; set; } = ConditionEditorContext.Empty;

    protected override void OnParametersSet()
    {
        // Rebuild only for a condition given from outside, not for the one this editor just produced.
        if (!ReferenceEquals(Value, last))
        {
            root = ConditionNode.Root(Value);
            last = Value;
        }
    }

    private async Task EmitAsync()
    {
        last = root.ToCondition();
        await ValueChanged.InvokeAsync(last);
    }
}
