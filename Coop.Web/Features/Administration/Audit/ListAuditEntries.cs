using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>One page of the organization's audit log, newest first; pass the previous page's <see cref="AuditEntriesPage.NextBefore"/> as <paramref name="Before"/> (keyset paging).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record ListAuditEntriesQuery(AuditFilter Filter, long? Before = null, int PageSize = 50);

public sealed record AuditEntryRow(
    long Id, DateTime OccurredAt, string Actor, string Action, string? TargetType, string? TargetId, string? Details, string? Before, string? After, long? Sequence, string? Hash);

public sealed record AuditEntriesPage(IReadOnlyList<AuditEntryRow> Entries, long? NextBefore);

internal sealed class ListAuditEntriesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListAuditEntriesQuery, AuditEntriesPage>
{
    public async Task<AuditEntriesPage> HandleAsync(ListAuditEntriesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var size = Math.Clamp(query.PageSize, 1, 200);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = (query.Filter ?? new AuditFilter()).Apply(db.AuditEntries.AsNoTracking(), actor.OrganizationId);
        if (query.Before is { } before)
        {
            entries = entries.Where(a => a.Id < before);
        }

        var rows = await entries.OrderByDescending(a => a.Id).Take(size + 1)
            .Select(a => new AuditEntryRow(a.Id, a.OccurredAt, a.Actor, a.Action, a.TargetType, a.TargetId, a.Details, a.Before, a.After, a.Sequence, a.Hash))
            .ToListAsync(cancellationToken);
        return rows.Count > size ? new AuditEntriesPage(rows[..size], rows[size - 1].Id) : new AuditEntriesPage(rows, null);
    }
}
