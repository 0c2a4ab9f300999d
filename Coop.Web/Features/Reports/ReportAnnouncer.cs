using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Users;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Reports;

/// <summary>
/// Names the user a report or appeal concerns (stored on it, so the user's history finds it through one index) and,
/// once it is stored, tells live screens about the reported item, that user and the reporter.
/// </summary>
public sealed class ReportAnnouncer(IDbContextFactory<CoopDbContext> factory, ItemTypeCatalog catalog, ILiveEvents live)
{
    public async Task<ItemIdentifier?> UserOfAsync(string organizationId, ItemSubmission subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var types = await catalog.GetLatestAsync(organizationId, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var creator = subject is { CreatorId: { } id, CreatorTypeId: { } typeId } ? new ItemIdentifier(id, typeId) : null;
        return await ItemUser.ResolveAsync(db, types, organizationId, new ItemIdentifier(subject.ItemId, subject.ItemTypeId), creator, cancellationToken);
    }

    public async Task AnnounceAsync(string organizationId, string entityId, IEnumerable<ItemIdentifier?> concerned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(concerned);
        foreach (var item in concerned.OfType<ItemIdentifier>().Distinct())
        {
            await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Item(organizationId, item.TypeId, item.Id), LiveEventKinds.ItemChanged, entityId),
                cancellationToken);
        }
    }
}
