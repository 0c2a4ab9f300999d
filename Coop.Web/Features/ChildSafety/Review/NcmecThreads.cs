using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>The message threads a user wrote in (items with a thread role), and a thread's latest messages as a transcript.</summary>
internal static class NcmecThreads
{
    public const int MaxThreads = 50;
    public const int MaxMessages = 50;

    public static string KeyOf(string typeId, string id) => typeId + "/" + id;

    /// <summary>Up to <see cref="MaxThreads"/> threads the user wrote in, most recent first.</summary>
    public static async Task<IReadOnlyList<NcmecThreadChoice>> ListAsync(CoopDbContext db, string organizationId, ItemIdentifier user, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.CreatorId == user.Id && i.CreatorTypeId == user.TypeId && i.ThreadId != null && i.ThreadTypeId != null)
            .GroupBy(i => new { i.ThreadTypeId, i.ThreadId })
            .Select(g => new { g.Key.ThreadTypeId, g.Key.ThreadId, Count = g.Count(), Last = g.Max(i => i.LastSeenAt) })
            .OrderByDescending(g => g.Last).Take(MaxThreads).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new NcmecThreadChoice(KeyOf(r.ThreadTypeId!, r.ThreadId!), r.ThreadTypeId!, r.ThreadId!, r.Count, r.Last))];
    }

    /// <summary>The thread's latest <see cref="MaxMessages"/> messages (by anyone), oldest first, with their first text field.</summary>
    public static async Task<NcmecReportedThread> TranscriptAsync(
        CoopDbContext db, OrganizationItemTypes types, string organizationId, NcmecThreadChoice thread, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ThreadTypeId == thread.ThreadTypeId && i.ThreadId == thread.ThreadId)
            .OrderByDescending(i => i.LastSeenAt).Take(MaxMessages)
            .Join(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id, (i, s) => new { i.ItemTypeId, i.ItemId, i.CreatorId, s.Data, s.PlatformCreatedAt, s.ReceivedAt })
            .ToListAsync(cancellationToken);
        var messages = rows.OrderBy(r => r.PlatformCreatedAt ?? r.ReceivedAt).Select(r => new NcmecThreadMessage(r.ItemId, r.CreatorId, TextOf(types, r.ItemTypeId, r.Data),
            new DateTimeOffset(DateTime.SpecifyKind(r.PlatformCreatedAt ?? r.ReceivedAt, DateTimeKind.Utc)))).ToList();
        return new NcmecReportedThread(thread.ThreadId, thread.ThreadTypeId, messages);
    }

    private static string? TextOf(OrganizationItemTypes types, string typeId, string data)
    {
        if (types.ById(typeId)?.Schema.Fields.FirstOrDefault(f => f.ScalarType == ScalarType.String && f.IsScalar) is not { } field)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data) is JsonObject o && o[field.Name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A thread the reviewer may include: how many of the user's items are in it, and when the last was seen.</summary>
public sealed record NcmecThreadChoice(string Key, string ThreadTypeId, string ThreadId, int UserItemCount, DateTime LastSeenAt);
