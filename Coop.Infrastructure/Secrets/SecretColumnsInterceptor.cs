using Coop.Domain.Actions;
using Coop.Domain.Moderation;
using Coop.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Infrastructure.Secrets;

/// <summary>
/// Before every save, encrypts the header values of the rows that hold them (<see cref="ActionDefinition"/>'s headers,
/// <see cref="ReviewSettings"/>' appeal and partial-items headers, <see cref="OutboxMessage"/>'s headers), so no
/// secret header value reaches the database in plain text whichever use case wrote it.
/// </summary>
public sealed class SecretColumnsInterceptor(SecretHeaderValues secrets) : SaveChangesInterceptor
{
    private static readonly string[] ActionColumns = ["headersJson"];
    private static readonly string[] ReviewColumns = [nameof(ReviewSettings.AppealCallbackHeadersJson), nameof(ReviewSettings.PartialItemsHeadersJson)];
    private static readonly string[] OutboxColumns = [nameof(OutboxMessage.HeadersJson)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Protect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Protect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Protect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Without change detection here (SaveChanges runs it next): every tracked row of the three types is looked at,
        // so a value changed in memory is caught whether or not its entry is marked modified yet.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries())
            {
                var columns = entry.Entity switch
                {
                    OutboxMessage => OutboxColumns,
                    ActionDefinition => ActionColumns,
                    ReviewSettings => ReviewColumns,
                    _ => null,
                };
                if (columns is null || entry.State is EntityState.Deleted or EntityState.Detached)
                {
                    continue;
                }

                foreach (var column in columns)
                {
                    var property = entry.Property(column);
                    if (property.CurrentValue is string json && secrets.ProtectJson(json) is var protectedJson && !ReferenceEquals(protectedJson, json))
                    {
                        property.CurrentValue = protectedJson;
                    }
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
