using System.Runtime.CompilerServices;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Webhooks;

internal sealed class WebhookOutbox(WebhookDispatchSignal signal) : IWebhookOutbox
{
    private readonly ConditionalWeakTable<DbContext, object> subscribed = [];

    public void Enqueue(CoopDbContext db, OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        db.OutboxMessages.Add(message);
        if (subscribed.TryAdd(db, this))
        {
            db.SavedChanges += (_, _) =>
            {
                if (db.Database.CurrentTransaction is null)
                {
                    signal.Ring();
                }
            };
        }
    }

    public void Wake() => signal.Ring();
}
