using Coop.Domain.Authorization;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>
/// The organization's most recent outbound webhook messages, newest first; optionally only one status,
/// or only those about one item (for showing deliveries on an item's page).
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record ListDeliveriesQuery(OutboxStatus? Status = null, int Take = 100, string? ItemId = null, string? ItemTypeId = null);

public sealed record DeliveryLog(IReadOnlyList<DeliveryRow> Rows, IReadOnlyDictionary<OutboxStatus, int> Counts);

internal sealed class ListDeliveriesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListDeliveriesQuery, DeliveryLog>
{
    public async Task<DeliveryLog> HandleAsync(ListDeliveriesQuery query, CancellationToken cancellationToken = default)
    {
        var (organizationId, _, _) = await CurrentOrganization.RequireAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.OrganizationId == organizationId);
        if (query.ItemId is not null)
        {
            messages = messages.Where(m => m.ItemId == query.ItemId && (query.ItemTypeId == null || m.ItemTypeId == query.ItemTypeId));
        }

        var counts = await messages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (query.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(Math.Clamp(query.Take, 1, 500))
            .Select(m => new
            {
                m.Id, m.CreatedAt, m.Kind, m.ActionId, m.ItemId, m.ItemTypeId, m.TargetUrl, m.Status, m.AttemptCount,
                m.LastAttemptAt, m.LastStatusCode, m.LastError, m.LastDurationMs, m.NextAttemptAt,
            })
            .ToListAsync(cancellationToken);
        return new DeliveryLog(
            [.. rows.Select(m => new DeliveryRow(m.Id, m.CreatedAt, m.Kind, m.ActionId, m.ItemId, m.ItemTypeId, DeliveryRow.HostOf(m.TargetUrl),
                m.Status, m.AttemptCount, m.LastAttemptAt, m.LastStatusCode, m.LastError, m.LastDurationMs, m.NextAttemptAt))],
            counts);
    }
}
