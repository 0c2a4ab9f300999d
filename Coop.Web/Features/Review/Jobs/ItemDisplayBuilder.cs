using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Web.Features.Ingestion;

namespace Coop.Web.Features.Review.Jobs;

/// <summary>
/// Lays out a stored submission by its item type's schema (the revision it was sent with): the schema's fields in
/// order, minus hidden fields, then keys the schema does not name. Shared by the job view and investigation.
/// </summary>
public sealed class ItemDisplayBuilder(ItemTypeCatalog catalog)
{
    public async Task<ItemDisplay> BuildAsync(
        string organizationId, string itemTypeId, string itemId, ItemSubmission? submission, CancellationToken cancellationToken = default)
    {
        var type = await catalog.GetAsync(organizationId, itemTypeId, submission?.ItemTypeVersion, cancellationToken: cancellationToken)
            ?? (await catalog.GetLatestAsync(organizationId, cancellationToken)).ById(itemTypeId);
        if (submission is null || ParseObject(submission.Data) is not { } data)
        {
            return new ItemDisplay(itemTypeId, type?.Name ?? itemTypeId, type?.Kind, itemId, false, [], []);
        }

        var hidden = type?.Schema.HiddenFields.ToHashSet(StringComparer.Ordinal) ?? [];
        var fields = type?.Schema.Fields.Where(f => !hidden.Contains(f.Name)).Select(f => new FieldDisplay(f.Name, f, data[f.Name]?.DeepClone())).ToList() ?? [];
        var known = type?.Schema.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var extra = data.Where(p => !known.Contains(p.Key) && p.Value is not null).Select(p => new FieldDisplay(p.Key, null, p.Value!.DeepClone())).ToList();
        return new ItemDisplay(itemTypeId, type?.Name ?? itemTypeId, type?.Kind, itemId, true, fields, extra);
    }

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
