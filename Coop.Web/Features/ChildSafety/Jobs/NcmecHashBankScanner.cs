using Coop.Domain.ItemTypes;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Features.Rules.HashBanks;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Jobs;

/// <summary>
/// The hash-match entry path into child-safety review: during ingestion (in the submission processor's transaction, after
/// the rules), every image of a submitted item is matched against the organization's enabled hash banks flagged "Report
/// matches to NCMEC"; on a match the item's author goes into their one NCMEC job (opened, or updated when already open).
/// Organizations without a flagged bank cost one query per batch. Fetch failures are skipped (the rules report them).
/// </summary>
public sealed partial class NcmecHashBankScanner(
    HashBankMatcher matcher, NcmecEnqueuer enqueuer, ItemTypeCatalog itemTypes, TimeProvider time, ILogger<NcmecHashBankScanner> logger)
{
    /// <summary>Scans a batch; returns what to announce once the caller has committed.</summary>
    public async Task<IReadOnlyList<LiveEvent>> ScanAsync(CoopDbContext db, IReadOnlyList<ItemSubmission> submissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submissions);
        var events = new List<LiveEvent>();
        foreach (var organization in submissions.GroupBy(s => s.OrganizationId))
        {
            var bankIds = await db.HashBanks.AsNoTracking()
                .Where(b => b.OrganizationId == organization.Key && b.Enabled && b.ReportMatchesToNcmec)
                .Select(b => b.Id).ToListAsync(cancellationToken);
            if (bankIds.Count == 0)
            {
                continue;
            }

            foreach (var submission in organization)
            {
                if (await FirstMatchAsync(submission, bankIds, cancellationToken) is not { } found)
                {
                    continue;
                }

                var (type, match) = found;
                var now = time.GetUtcNow().UtcDateTime;
                var enqueued = await enqueuer.EnqueueAsync(db, submission.OrganizationId, new ItemIdentifier(submission.ItemId, submission.ItemTypeId),
                    RuleEngine.AuthorOf(type, submission), JobSource.RuleExecution,
                    $"An image matched hash bank {match.Describe()}, which reports matches to NCMEC", now, cancellationToken, known: [submission]);
                LogMatched(logger, submission.OrganizationId, submission.ItemTypeId, submission.ItemId, match.BankId, enqueued.Job.Id);
                events.AddRange(enqueued.Announcements);
            }
        }

        return events;
    }

    private async Task<(ResolvedItemType Type, ImageBankMatch Match)?> FirstMatchAsync(ItemSubmission submission, IReadOnlyList<string> bankIds, CancellationToken cancellationToken)
    {
        var variant = ItemTypeWireNames.TryParseVariant(submission.SchemaVariant, out var parsed) ? parsed : SchemaVariant.Original;
        var type = await itemTypes.GetAsync(submission.OrganizationId, submission.ItemTypeId, submission.ItemTypeVersion, variant, cancellationToken);
        if (type is null || NcmecMediaGatherer.Parse(submission.Data) is not { } data)
        {
            return null;
        }

        foreach (var field in type.Schema.Fields.Where(f => f.ScalarType is ScalarType.Image or ScalarType.Media))
        {
            foreach (var url in NcmecMediaGatherer.Urls(data[field.Name]).Distinct(StringComparer.Ordinal))
            {
                var result = await matcher.MatchAsync(submission.OrganizationId, url, bankIds, HashBankMatcher.DefaultMaxDistance, cancellationToken);
                if (result.Matches.Count > 0)
                {
                    return (type, result.Matches[0]);
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId}: {ItemTypeId}/{ItemId} matched NCMEC-reporting hash bank {BankId}; its author is in NCMEC job {JobId}")]
    private static partial void LogMatched(ILogger logger, string organizationId, string itemTypeId, string itemId, string bankId, string jobId);
}
