using Coop.Domain.Rules.TextBanks;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>The text bank editor's state: name, description, kind (new banks only) and entries to add, one per line.</summary>
public sealed class TextBankFormModel
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public TextBankKind Kind { get; set; }

    /// <summary>Entries to add, one per line (pasted or imported).</summary>
    public string Entries { get; set; } = string.Empty;

    public static TextBankFormModel From(TextBankSummary bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return new() { Name = bank.Name, Description = bank.Description, Kind = bank.Kind };
    }

    public IReadOnlyList<string> EntryLines() => BankFileLines.Split(Entries);
}
