using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>What a bulk run over these ids would touch: how many ids, how many duplicates removed, how many Coop knows.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record PreviewBulkActionQuery(string ItemTypeId, IReadOnlyList<string> ItemIds);

/// <param name="Entries">Non-blank ids given, duplicates included.</param>
/// <param name="Distinct">Ids the run would action.</param>
/// <param name="Duplicates">Repeats removed.</param>
/// <param name="Known">Ids Coop has seen as items of the type.</param>
/// <param name="Unknown">Ids Coop has not seen; they are still actioned by id.</param>
/// <param name="Max">The most distinct ids one run takes.</param>
public sealed record BulkActionPreview(int Entries, int Distinct, int Duplicates, int Known, int Unknown, int Max)
{
    public bool TooMany => Distinct > Max;
}

internal sealed class PreviewBulkActionHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog)
    : IQueryHandler<PreviewBulkActionQuery, BulkActionPreview>
{
    public async Task<BulkActionPreview> HandleAsync(PreviewBulkActionQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var list = BulkItemIdRules.Check(query.ItemIds, allowTooMany: true);
        if ((await catalog.GetLatestAsync(actor.OrganizationId, cancellationToken)).ById(query.ItemTypeId ?? string.Empty) is null)
        {
            throw new ValidationFailedException("itemTypeId", "Choose an item type.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var known = list.Ids.Count > BulkActionRun.MaxItems
            ? 0
            : await BulkActionPlanner.CountKnownAsync(db, actor.OrganizationId, query.ItemTypeId!, list.Ids, cancellationToken);
        return new BulkActionPreview(list.Entries, list.Ids.Count, list.Duplicates, known, list.Ids.Count - known, BulkActionRun.MaxItems);
    }
}

/// <summary>The rules pasted ids must meet, shared by the preview and the start of a run.</summary>
internal static class BulkItemIdRules
{
    public static BulkIdList Check(IReadOnlyList<string>? itemIds, bool allowTooMany)
    {
        var list = BulkItemIds.Normalize(itemIds ?? []);
        if (list.Ids.Count == 0)
        {
            throw new ValidationFailedException("itemIds", "Paste at least one item id.");
        }

        if (list.TooLong.Count > 0)
        {
            throw new ValidationFailedException("itemIds",
                $"An item id has at most {ItemSubmission.MaxIdLength} characters; this one is longer: {Clip(list.TooLong[0])}");
        }

        if (!allowTooMany && list.Ids.Count > BulkActionRun.MaxItems)
        {
            throw new ValidationFailedException("itemIds", TooManyMessage(list.Ids.Count));
        }

        return list;
    }

    public static string TooManyMessage(int count) =>
        $"A bulk run takes at most {BulkActionRun.MaxItems:N0} distinct item ids; you gave {count:N0}. Split them into several runs.";

    private static string Clip(string id) => id.Length <= 40 ? id : id[..40] + "…";
}
