using Coop.Domain.Rules.LocationBanks;

namespace Coop.Web.Features.Rules.LocationBanks;

/// <summary>A location bank without its entries: what bank lists and the rule editor's bank picker show.</summary>
public sealed record LocationBankSummary(string Id, string Name, string? Description, int EntryCount, DateTime Version)
{
    public static LocationBankSummary From(LocationBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return new(bank.Id, bank.Name, bank.Description, bank.EntryCount, bank.Version);
    }
}
