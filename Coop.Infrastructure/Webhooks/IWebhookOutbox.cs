using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// The producer side of the webhook outbox. <see cref="Enqueue"/> only adds the message to the caller's
/// context, so it is committed by the caller's own SaveChanges, in the same transaction as the change
/// that caused it (a decision, a rule match): either both are stored or neither is. Nothing is sent
/// before that commit, and once committed the message is delivered even if the process dies.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Adds <paramref name="message"/> to <paramref name="db"/>. When the caller's next SaveChanges succeeds
    /// the dispatcher is woken. Inside an explicit transaction, call <see cref="Wake"/> after committing
    /// (otherwise the message still goes out, at the dispatcher's next poll).
    /// </summary>
    void Enqueue(CoopDbContext db, OutboxMessage message);

    /// <summary>Tells this node's dispatcher that messages are due now.</summary>
    void Wake();
}
