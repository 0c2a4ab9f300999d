using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>An admin's "retry now" for a failed or dead delivery: a new round of attempts starts at once.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record RetryDeliveryCommand(string Id);

internal sealed class RetryDeliveryHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IWebhookOutbox outbox, TimeProvider time)
    : ICommandHandler<RetryDeliveryCommand, bool>
{
    public async Task<bool> HandleAsync(RetryDeliveryCommand command, CancellationToken cancellationToken = default)
    {
        var (organizationId, userId, actor) = await CurrentOrganization.RequireAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.Id && m.OrganizationId == organizationId, cancellationToken)
            ?? throw new ValidationFailedException("Id", "There is no such delivery.");
        if (message.Status is not (OutboxStatus.Failed or OutboxStatus.Dead))
        {
            throw new ValidationFailedException("Id", $"Only failed or dead deliveries can be retried; this one is {message.Status.ToString().ToLowerInvariant()}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.RetryNow(now);
        db.AuditEntries.Add(AuditEntry.Record(organizationId, userId, actor, "webhook.retried", "outbox-message", message.Id,
            $"Retried {message.Kind} to {DeliveryRow.HostOf(message.TargetUrl)} after {message.AttemptCount} attempt(s).", now));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return true;
    }
}
