using Coop.Domain.Rules.TextBanks;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>A text bank without its entries: what bank lists and the rule editor's bank picker show.</summary>
public sealed record TextBankSummary(string Id, string Name, string? Description, TextBankKind Kind, int EntryCount, DateTime Version)
{
    public static TextBankSummary From(TextBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return new(bank.Id, bank.Name, bank.Description, bank.Kind, bank.EntryCount, bank.Version);
    }
}
