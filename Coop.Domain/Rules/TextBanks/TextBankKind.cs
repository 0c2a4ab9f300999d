namespace Coop.Domain.Rules.TextBanks;

/// <summary>What a text bank's entries are: words and phrases (matched as case-insensitive substrings) or regular expressions.</summary>
public enum TextBankKind
{
    Strings,
    Regex,
}
