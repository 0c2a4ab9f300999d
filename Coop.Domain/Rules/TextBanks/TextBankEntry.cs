namespace Coop.Domain.Rules.TextBanks;

/// <summary>One word, phrase or regular expression of a <see cref="TextBank"/>.</summary>
public sealed class TextBankEntry
{
    private TextBankEntry()
    {
    }

    public long Id { get; private set; }

    public string BankId { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public static TextBankEntry Create(string bankId, string value) => new() { BankId = bankId, Value = value };
}
