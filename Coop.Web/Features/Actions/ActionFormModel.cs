using Coop.Domain.Actions;

namespace Coop.Web.Features.Actions;

/// <summary>The action editor's state. A saved header has no value here: it is kept unless replaced.</summary>
public sealed class ActionFormModel
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public IReadOnlyCollection<string> ItemTypeIds { get; set; } = [];

    public string? CallbackUrl { get; set; }

    public List<HeaderRow> Headers { get; } = [];

    public List<ParameterRow> Parameters { get; } = [];

    public string? CustomBody { get; set; }

    public bool ApplyUserStrikes { get; set; }

    public static ActionFormModel From(ActionView action)
    {
        var model = new ActionFormModel
        {
            Name = action.Name,
            Description = action.Description,
            ItemTypeIds = [.. action.ItemTypeIds],
            CallbackUrl = action.CallbackUrl,
            CustomBody = action.CustomBody is null ? null : PrettyJson(action.CustomBody),
            ApplyUserStrikes = action.ApplyUserStrikes,
        };
        model.Headers.AddRange(action.HeaderNames.Select(n => new HeaderRow { Name = n, IsSaved = true }));
        model.Parameters.AddRange((action.Parameters ?? []).Select(ParameterRow.From));
        return model;
    }

    public ActionDefinitionDetails ToDetails(bool builtIn) => builtIn
        ? new(Name, Description, [.. ItemTypeIds], null, [], null, ApplyUserStrikes)
        : new(Name, Description, [.. ItemTypeIds], CallbackUrl, [.. Headers.Select(h => new ActionHeaderInput(h.Name, h.IsSaved && !h.Replacing ? null : h.Value ?? string.Empty))],
            CustomBody, ApplyUserStrikes, [.. Parameters.Select(p => p.ToParameter())]);

    private static string PrettyJson(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>One header in the editor. <see cref="Value"/> is only ever what was typed in this session.</summary>
    public sealed class HeaderRow
    {
        public string Name { get; set; } = string.Empty;

        public string? Value { get; set; }

        /// <summary>The header exists on the server; its value is not known here.</summary>
        public bool IsSaved { get; init; }

        public bool Replacing { get; set; }
    }
}
