using System.Globalization;
using System.Runtime.CompilerServices;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>Every entry matching the filter as CSV lines (header first), streamed from the database in pages.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record ExportAuditEntriesQuery(AuditFilter Filter);

internal sealed class ExportAuditEntriesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ExportAuditEntriesQuery, IAsyncEnumerable<string>>
{
    public const string Header = "id,occurred_at_utc,occurred_at_local,actor,action,target_type,target_id,details,before,after,sequence,hash";

    public async Task<IAsyncEnumerable<string>> HandleAsync(ExportAuditEntriesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        return LinesAsync(actor.OrganizationId, query.Filter ?? new AuditFilter(), cancellationToken);
    }

    private async IAsyncEnumerable<string> LinesAsync(string organizationId, AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Header;
        var zone = filter.Zone();
        long? before = null;
        while (true)
        {
            List<AuditEntryRow> rows;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var entries = filter.Apply(db.AuditEntries.AsNoTracking(), organizationId);
                if (before is { } b)
                {
                    entries = entries.Where(a => a.Id < b);
                }

                rows = await entries.OrderByDescending(a => a.Id).Take(500)
                    .Select(a => new AuditEntryRow(a.Id, a.OccurredAt, a.Actor, a.Action, a.TargetType, a.TargetId, a.Details, a.Before, a.After, a.Sequence, a.Hash))
                    .ToListAsync(cancellationToken);
            }

            foreach (var row in rows)
            {
                yield return Line(row, zone);
            }

            if (rows.Count < 500)
            {
                yield break;
            }

            before = rows[^1].Id;
        }
    }

    private static string Line(AuditEntryRow row, TimeZoneInfo zone)
    {
        var utc = DateTime.SpecifyKind(row.OccurredAt, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        string?[] fields =
        [
            row.Id.ToString(CultureInfo.InvariantCulture), utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row.Actor, row.Action, row.TargetType, row.TargetId, row.Details,
            row.Before, row.After, row.Sequence?.ToString(CultureInfo.InvariantCulture), row.Hash,
        ];
        return string.Join(',', fields.Select(Escape));
    }

    /// <summary>RFC 4180 quoting, and a leading quote on values a spreadsheet would run as a formula.</summary>
    internal static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
