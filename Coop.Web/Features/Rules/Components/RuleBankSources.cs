using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Components;

/// <summary>The banks the rule editor offers: text banks (strings and regexes), location banks and enabled hash banks.</summary>
internal sealed class RuleBankSources(IDbContextFactory<CoopDbContext> factory) : IRuleBankSource
{
    public async Task<IReadOnlyList<RuleBankChoice>> ListAsync(string organizationId, SignalMatching kind, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var choices = new List<RuleBankChoice>();
        if (kind.HasFlag(SignalMatching.TextBanks))
        {
            choices.AddRange((await db.TextBanks.AsNoTracking().Where(b => b.OrganizationId == organizationId).OrderBy(b => b.Name)
                    .Select(b => new { b.Id, b.Name, b.Kind, b.EntryCount }).ToListAsync(cancellationToken))
                .Select(b => new RuleBankChoice(b.Id, b.Kind == TextBankKind.Regex ? $"{b.Name} (regexes)" : b.Name, b.EntryCount)));
        }

        if (kind.HasFlag(SignalMatching.LocationBanks))
        {
            choices.AddRange(await db.LocationBanks.AsNoTracking().Where(b => b.OrganizationId == organizationId).OrderBy(b => b.Name)
                .Select(b => new RuleBankChoice(b.Id, b.Name, b.EntryCount)).ToListAsync(cancellationToken));
        }

        if (kind.HasFlag(SignalMatching.HashBanks))
        {
            var banks = await db.HashBanks.AsNoTracking().Where(b => b.OrganizationId == organizationId && b.Enabled).OrderBy(b => b.Name)
                .Select(b => new { b.Id, b.Name }).ToListAsync(cancellationToken);
            var ids = banks.Select(b => b.Id).ToList();
            var counts = await db.HashBankEntries.AsNoTracking().Where(e => ids.Contains(e.BankId)).GroupBy(e => e.BankId)
                .Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            choices.AddRange(banks.Select(b => new RuleBankChoice(b.Id, b.Name, counts.GetValueOrDefault(b.Id))));
        }

        return choices;
    }
}
