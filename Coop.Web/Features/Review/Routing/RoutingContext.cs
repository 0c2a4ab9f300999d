using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Items;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Features.Rules.Signals;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// What routing conditions can see beyond the report or appeal itself: the item as proactive rules see it (fields by
/// role, all text, any image…, the author and the author's facts) and the signals that score it. Routing rules share
/// the rules' condition model, so a routing rule can use a text bank, a hash bank or a classifier.
/// </summary>
public sealed record RoutingContext(ISignalRunner Signals, IConditionSubject? Item)
{
    /// <summary>No item and no signals: conditions on the report alone.</summary>
    public static RoutingContext None { get; } = new(NoSignals.Instance, null);
}

/// <summary>Builds <see cref="RoutingContext"/>s for an item version.</summary>
public sealed class RoutingContextFactory(SignalRunnerFactory signals, ItemTypeCatalog itemTypes, TimeProvider time)
{
    /// <summary>The context of <paramref name="submission"/>; author facts are loaded only when <paramref name="conditions"/> read them.</summary>
    public async Task<RoutingContext> ForAsync(
        CoopDbContext db, ItemSubmission submission, IEnumerable<Condition> conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(conditions);
        var runner = signals.For(new SignalItem(submission.OrganizationId, submission.ItemTypeId, submission.ItemId,
            submission.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var variant = ItemTypeWireNames.TryParseVariant(submission.SchemaVariant, out var parsed) ? parsed : SchemaVariant.Original;
        var itemType = await itemTypes.GetAsync(submission.OrganizationId, submission.ItemTypeId, submission.ItemTypeVersion, variant, cancellationToken);
        if (itemType is null || JsonNode.Parse(submission.Data) is not JsonObject data)
        {
            return new RoutingContext(runner, null);
        }

        var author = RuleEngine.AuthorOf(itemType, submission);
        var facts = author is null
            ? null
            : conditions.Any(ItemSubject.NeedsAuthorFacts)
                ? await RuleEngine.AuthorFactsAsync(db, submission.OrganizationId, author, time.GetUtcNow().UtcDateTime, cancellationToken)
                : new AuthorFacts(author, null, null);
        return new RoutingContext(runner, new ItemSubject(itemType, data, facts, RuleEngine.SourceOf(submission.Source)));
    }

    /// <summary>The context of the item's latest version; <see cref="RoutingContext.None"/> when the item is unknown.</summary>
    public async Task<RoutingContext> ForLatestAsync(
        CoopDbContext db, string organizationId, string itemTypeId, string itemId, IEnumerable<Condition> conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var submission = await db.Set<Item>().AsNoTracking()
            .Where(i => i.OrganizationId == organizationId && i.ItemTypeId == itemTypeId && i.ItemId == itemId)
            .Join(db.Set<ItemSubmission>(), i => i.LatestSubmissionId, s => s.Id, (i, s) => s)
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return submission is null ? RoutingContext.None : await ForAsync(db, submission, conditions, cancellationToken);
    }
}
