using Coop.Domain.Authorization;
using Coop.Domain.Hashing;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>The organization's hash banks by name, with their entry counts (the rule editor's bank picker uses Id, Name and Count).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListHashBanksQuery;

/// <summary>The most recently added entries of a bank (at most <paramref name="Take"/>, up to 500).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListHashBankEntriesQuery(string BankId, int Take = 50);

/// <summary>Fetches and hashes an image URL and says which of the organization's banks it matches, at what distance (disabled banks included).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record TestImageAgainstHashBanksQuery(string Url, int MaxDistance = HashBankMatcher.DefaultMaxDistance);

internal sealed class HashBankQueryHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, HashBankMatcher matcher)
    : IQueryHandler<ListHashBanksQuery, IReadOnlyList<HashBankSummary>>,
      IQueryHandler<ListHashBankEntriesQuery, IReadOnlyList<HashBankEntryView>>,
      IQueryHandler<TestImageAgainstHashBanksQuery, ImageTestResult>
{
    public async Task<IReadOnlyList<HashBankSummary>> HandleAsync(ListHashBanksQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await HashBankSummaries.ListAsync(db, actor.OrganizationId, null, cancellationToken);
    }

    public async Task<IReadOnlyList<HashBankEntryView>> HandleAsync(ListHashBankEntriesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owned = await db.HashBanks.AnyAsync(b => b.Id == query.BankId && b.OrganizationId == actor.OrganizationId, cancellationToken);
        if (!owned)
        {
            return [];
        }

        return await db.HashBankEntries.AsNoTracking().Where(e => e.BankId == query.BankId).OrderByDescending(e => e.Id)
            .Take(Math.Clamp(query.Take, 1, 500))
            .Select(e => new HashBankEntryView(e.Id, e.Kind, e.Value, e.Label, e.SourceId, e.AddedAt)).ToListAsync(cancellationToken);
    }

    public async Task<ImageTestResult> HandleAsync(TestImageAgainstHashBanksQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        if (string.IsNullOrWhiteSpace(query.Url))
        {
            throw new ValidationFailedException(nameof(query.Url), "Enter the URL of an image.");
        }

        if (query.MaxDistance is < 0 or > PdqHash.Bits)
        {
            throw new ValidationFailedException(nameof(query.MaxDistance), "The distance is a number of bits from 0 to 256.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var bankIds = await db.HashBanks.Where(b => b.OrganizationId == actor.OrganizationId).Select(b => b.Id).ToListAsync(cancellationToken);
        return await matcher.MatchAsync(actor.OrganizationId, query.Url.Trim(), bankIds, query.MaxDistance, cancellationToken, includeDisabled: true);
    }
}

internal static class HashBankSummaries
{
    public static async Task<IReadOnlyList<HashBankSummary>> ListAsync(CoopDbContext db, string organizationId, string? bankId, CancellationToken cancellationToken)
    {
        var banks = await db.HashBanks.AsNoTracking().Where(b => b.OrganizationId == organizationId && (bankId == null || b.Id == bankId))
            .ToListAsync(cancellationToken);
        var ids = banks.Select(b => b.Id).ToList();
        var counts = await db.HashBankEntries.Where(e => ids.Contains(e.BankId)).GroupBy(e => new { e.BankId, e.Kind })
            .Select(g => new { g.Key.BankId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(string id, HashKind kind) => counts.FirstOrDefault(c => c.BankId == id && c.Kind == kind)?.Count ?? 0;
        return [.. banks.OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).Select(b => new HashBankSummary(
            b.Id, b.Name, b.Description, b.Enabled, Count(b.Id, HashKind.Pdq), Count(b.Id, HashKind.Md5), Count(b.Id, HashKind.Sha256), b.Version, b.UpdatedAt, b.ReportMatchesToNcmec))];
    }
}
