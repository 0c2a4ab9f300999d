using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>
/// Gathers a user's media for an NCMEC job: the triggering items first, then the user's own media fields (profile
/// picture…), then every item the user created whose type has media fields (latest version), read in keyset pages and
/// stopped at a cap — never one unbounded query. Items left out are counted (one COUNT over the creator index).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1309:Use ordinal string comparison",
    Justification = "EF Core translates the two-argument string.Compare to the database's ordering, the same one ORDER BY uses; the StringComparison overload does not translate.")]
internal static class NcmecMediaGatherer
{
    public sealed record Gathered(IReadOnlyList<NcmecJobMedium> Media, int OmittedItemCount);

    private sealed record Row(long Id, string ItemTypeId, string ItemId, string Data, DateTime? CreatedAt, DateTime ReceivedAt);

    public static async Task<Gathered> GatherAsync(
        CoopDbContext db, OrganizationItemTypes types, string organizationId, ItemIdentifier user, bool userResolved,
        IReadOnlyCollection<ItemIdentifier> triggering, IReadOnlyList<ItemSubmission> known, NcmecReviewOptions options, CancellationToken cancellationToken)
    {
        var media = new List<NcmecJobMedium>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var triggeringKeys = triggering.Select(t => (t.TypeId, t.Id)).ToHashSet();
        bool Add(Row row, bool reported)
        {
            var found = Extract(types, row, reported).Where(m => seen.Add(m.Key)).ToList();
            if (media.Count + found.Count > options.MediaCap && media.Count > 0)
            {
                return false;
            }

            media.AddRange(found);
            return true;
        }

        foreach (var item in triggering.Append(user).Distinct())
        {
            // The caller's copy (a report's) is used when ingestion has not stored the item yet, or stored an older version.
            var stored = await LatestAsync(db, organizationId, item, cancellationToken);
            var carried = known.Where(s => s.ItemTypeId == item.TypeId && s.ItemId == item.Id).MaxBy(s => s.Id);
            var row = carried is not null && (stored is null || carried.Id > stored.Id)
                ? new Row(carried.Id, carried.ItemTypeId, carried.ItemId, carried.Data, carried.PlatformCreatedAt, carried.ReceivedAt)
                : stored;
            if (row is not null)
            {
                Add(row, triggeringKeys.Contains((item.TypeId, item.Id)));
            }
        }

        if (!userResolved)
        {
            return new Gathered(media, 0);
        }

        var mediaTypes = types.All.Where(t => t.Schema.Fields.Any(f => IsMedia(f.ScalarType))).Select(t => t.Id).ToList();
        var authored = db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.CreatorId == user.Id && i.CreatorTypeId == user.TypeId && mediaTypes.Contains(i.ItemTypeId));
        (string Type, string Id)? after = null;
        while (true)
        {
            var page = authored;
            if (after is { } a)
            {
                page = page.Where(i => string.Compare(i.ItemTypeId, a.Type) > 0 || (i.ItemTypeId == a.Type && string.Compare(i.ItemId, a.Id) > 0));
            }

            var rows = await page.OrderBy(i => i.ItemTypeId).ThenBy(i => i.ItemId).Take(options.PageSize)
                .Join(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id,
                    (i, s) => new Row(s.Id, i.ItemTypeId, i.ItemId, s.Data, s.PlatformCreatedAt, s.ReceivedAt))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (triggeringKeys.Contains((row.ItemTypeId, row.ItemId)))
                {
                    continue;
                }

                if (!Add(row, false))
                {
                    // The cap is reached: count this item and every later one, and stop reading.
                    var (t, id) = (row.ItemTypeId, row.ItemId);
                    var later = authored.Where(i => string.Compare(i.ItemTypeId, t) > 0 || (i.ItemTypeId == t && string.Compare(i.ItemId, id) >= 0));
                    var rest = await later.CountAsync(cancellationToken);
                    var triggeringIds = triggeringKeys.Select(k => k.Id).ToList();
                    var gathered = (await later.Where(i => triggeringIds.Contains(i.ItemId)).Select(i => new { i.ItemTypeId, i.ItemId }).ToListAsync(cancellationToken))
                        .Count(i => triggeringKeys.Contains((i.ItemTypeId, i.ItemId)));
                    return new Gathered(media, rest - gathered);
                }
            }

            if (rows.Count < options.PageSize)
            {
                return new Gathered(media, 0);
            }

            after = (rows[^1].ItemTypeId, rows[^1].ItemId);
        }
    }

    public static bool IsMedia(ScalarType type) => type is ScalarType.Image or ScalarType.Video or ScalarType.Media;

    private static async Task<Row?> LatestAsync(CoopDbContext db, string organizationId, ItemIdentifier item, CancellationToken cancellationToken) =>
        await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == item.TypeId && i.ItemId == item.Id)
            .Join(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id, (i, s) => new Row(s.Id, i.ItemTypeId, i.ItemId, s.Data, s.PlatformCreatedAt, s.ReceivedAt))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The media values of an item's media fields: a string address, or an object with a <c>url</c>; arrays and maps of them.</summary>
    private static IEnumerable<NcmecJobMedium> Extract(OrganizationItemTypes types, Row row, bool reported)
    {
        if (types.ById(row.ItemTypeId) is not { } type || Parse(row.Data) is not { } data)
        {
            yield break;
        }

        var ip = type.Schema.Roles.IpAddress is { } ipField && data[ipField] is JsonValue ipValue && ipValue.GetValueKind() == JsonValueKind.String
            ? ipValue.GetValue<string>() : null;
        var createdAt = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt ?? row.ReceivedAt, DateTimeKind.Utc));
        foreach (var field in type.Schema.Fields.Where(f => IsMedia(f.ScalarType)))
        {
            foreach (var url in Urls(data[field.Name]))
            {
                yield return new NcmecJobMedium(NcmecJobMedium.KeyOf(row.ItemTypeId, row.ItemId, field.Name, url), row.ItemId, row.ItemTypeId, field.Name, url,
                    KindOf(field.ScalarType, url), reported, createdAt, ip);
            }
        }
    }

    /// <summary>The media URLs in a field's value: a string, an <c>{url}</c> object, or arrays and maps of them.</summary>
    internal static IEnumerable<string> Urls(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonObject o when o["url"] is JsonValue u && u.GetValueKind() == JsonValueKind.String => [u.GetValue<string>()],
        JsonArray array => array.SelectMany(Urls),
        JsonObject map => map.Select(p => p.Value).SelectMany(Urls),
        _ => [],
    };

    private static string KindOf(ScalarType type, string url)
    {
        if (type != ScalarType.Media)
        {
            return type == ScalarType.Video ? "video" : "image";
        }

        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() is ".mp4" or ".webm" or ".mov" or ".m4v" ? "video" : "image";
    }

    /// <summary>An item's stored data as an object; null when it is not a JSON object.</summary>
    internal static JsonObject? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
