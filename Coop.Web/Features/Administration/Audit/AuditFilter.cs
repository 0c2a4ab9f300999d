using Coop.Domain.Audit;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>
/// What the audit page shows: free text (actor, action, target, details), an action prefix such as <c>rule.</c>,
/// an actor, and a date range in <paramref name="TimeZone"/> (an IANA or Windows id; UTC when empty), both days inclusive.
/// </summary>
public sealed record AuditFilter(string? Text = null, string? ActionPrefix = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, string? TimeZone = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, string organizationId)
    {
        var query = entries.Where(a => a.OrganizationId == organizationId);

        // Translated to SQL lower(): the same case-insensitive match on every provider.
#pragma warning disable CA1304, CA1311, CA1862
        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim().ToLowerInvariant();
            query = query.Where(a => a.Actor.ToLower().Contains(text) || a.Action.ToLower().Contains(text)
                || (a.TargetType != null && a.TargetType.ToLower().Contains(text)) || (a.TargetId != null && a.TargetId.ToLower().Contains(text))
                || (a.Details != null && a.Details.ToLower().Contains(text)));
        }

        if (!string.IsNullOrWhiteSpace(ActionPrefix))
        {
            var prefix = ActionPrefix.Trim();
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim().ToLowerInvariant();
            query = query.Where(a => a.Actor.ToLower() == actor);
        }

#pragma warning restore CA1304, CA1311, CA1862
        var zone = Zone();
        if (From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
            query = query.Where(a => a.OccurredAt < end);
        }

        return query;
    }

    public TimeZoneInfo Zone() =>
        !string.IsNullOrWhiteSpace(TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
