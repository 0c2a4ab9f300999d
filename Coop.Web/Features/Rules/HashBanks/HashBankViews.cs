using Coop.Domain.Hashing;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>
/// A hash bank as lists and pickers show it. <see cref="Count"/> is every entry of every kind. <see cref="ReportMatchesToNcmec"/>:
/// an ingested image matching it puts the author into NCMEC review.
/// </summary>
public sealed record HashBankSummary(
    string Id, string Name, string? Description, bool Enabled, int PdqCount, int Md5Count, int Sha256Count, long Version, DateTime UpdatedAt,
    bool ReportMatchesToNcmec = false)
{
    public int Count => PdqCount + Md5Count + Sha256Count;
}

/// <summary>One entry of a bank.</summary>
public sealed record HashBankEntryView(long Id, HashKind Kind, string Value, string? Label, string? SourceId, DateTime AddedAt);

/// <summary>
/// The outcome of an import. Imports are all or nothing: with any <see cref="Problems"/> nothing was added (the
/// first 100 problems are listed, <see cref="ProblemCount"/> counts them all). Hashes already in the bank or
/// repeated in the file are skipped, not errors.
/// </summary>
public sealed record HashImportReport(int Added, int Duplicates, int ProblemCount, IReadOnlyList<ImportProblem> Problems)
{
    public bool Imported => ProblemCount == 0;
}

/// <summary>What an image URL matched: its hashes, and per bank the nearest PDQ distance or the exact kind.</summary>
public sealed record ImageTestResult(string Url, ImageHashes? Hashes, string? Error, IReadOnlyList<ImageBankMatch> Matches);

/// <summary>A match of an image in one bank: by PDQ within a distance, or exactly by MD5/SHA-256.</summary>
public sealed record ImageBankMatch(string BankId, string BankName, HashKind Kind, int Distance, string Value, string? Label)
{
    public string Describe() => Kind == HashKind.Pdq
        ? $"{BankName} (PDQ, distance {Distance})"
        : $"{BankName} ({HashKinds.Label(Kind)}, exact)";
}
