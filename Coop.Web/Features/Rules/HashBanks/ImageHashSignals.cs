using System.Globalization;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>Matches an image URL against hash banks: fetch and hash once, then look up each bank's index.</summary>
public sealed class HashBankMatcher(HashBankIndexCache indexes, ImageHashFetcher fetcher)
{
    /// <summary>HMA's default PDQ threshold.</summary>
    public const int DefaultMaxDistance = 31;

    /// <summary>The image's hashes and its best match in each enabled bank (nearest first), or the fetch error.</summary>
    public async Task<ImageTestResult> MatchAsync(
        string organizationId, string url, IEnumerable<string> bankIds, int maxDistance, CancellationToken cancellationToken, bool includeDisabled = false)
    {
        var banks = await indexes.GetAsync(organizationId, bankIds, cancellationToken);
        var outcome = await fetcher.GetAsync(url, cancellationToken);
        if (outcome.Hashes is not { } hashes)
        {
            return new ImageTestResult(url, null, outcome.Error, []);
        }

        var matches = banks.Where(b => b.Enabled || includeDisabled).Select(b => b.Match(hashes, maxDistance)).OfType<ImageBankMatch>()
            .OrderBy(m => m.Distance).ThenBy(m => m.BankName, StringComparer.OrdinalIgnoreCase).ToList();
        return new ImageTestResult(url, hashes, null, matches);
    }

    /// <summary>Runs a hash signal: checks the banks and the <c>maxDistance</c> argument, then matches.</summary>
    internal async ValueTask<SignalResult> RunAsync(SignalRequest request, bool wantMatch, CancellationToken cancellationToken)
    {
        if (request.BankIds.Count == 0)
        {
            return SignalResult.Failed("Choose at least one hash bank.");
        }

        var maxDistance = DefaultMaxDistance;
        if (request.Arguments.TryGetValue("maxDistance", out var text) && !string.IsNullOrWhiteSpace(text)
            && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxDistance) || maxDistance is < 0 or > 256))
        {
            return SignalResult.Failed($"maxDistance must be a whole number of bits from 0 to 256, not '{text}'.");
        }

        var banks = await indexes.GetAsync(request.OrganizationId, request.BankIds, cancellationToken);
        if (banks.Count == 0)
        {
            return SignalResult.Failed("None of the condition's hash banks exists any more.");
        }

        var result = await MatchAsync(request.OrganizationId, request.Value, request.BankIds, maxDistance, cancellationToken);
        if (result.Error is not null)
        {
            return SignalResult.Failed(result.Error);
        }

        var best = result.Matches.Count > 0 ? result.Matches[0] : null;
        return SignalResult.Boolean(wantMatch ? best is not null : best is null, best?.Describe());
    }

    internal static readonly SignalConfigurationField MaxDistanceField = new(
        "maxDistance", "Maximum PDQ distance", SignalFieldType.Number, Required: false,
        Description: "How many of the 256 PDQ bits may differ for a match (HMA uses 31). MD5 and SHA-256 match exactly.",
        DefaultValue: "31");
}

/// <summary><c>image.hash-match</c>: true when the image matches a hash bank (PDQ within the distance, or MD5/SHA-256 exactly).</summary>
internal sealed class ImageHashMatchSignal(HashBankMatcher matcher) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "image.hash-match", "Image matches hash bank",
        "Fetches the image, hashes it (PDQ, MD5, SHA-256) and looks it up in the chosen hash banks; the matched value names the bank and the distance.",
        SignalOutputType.Boolean, [SignalValueKind.Image], SignalMatching.HashBanks, 10)
    {
        ConditionFields = [HashBankMatcher.MaxDistanceField],
    };

    public ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken) =>
        matcher.RunAsync(request, wantMatch: true, cancellationToken);
}

/// <summary><c>image.hash-no-match</c>: true when the image matches none of the hash banks.</summary>
internal sealed class ImageHashNoMatchSignal(HashBankMatcher matcher) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "image.hash-no-match", "Image does not match hash bank",
        "Fetches the image, hashes it and is true when it matches none of the chosen hash banks.",
        SignalOutputType.Boolean, [SignalValueKind.Image], SignalMatching.HashBanks, 10)
    {
        ConditionFields = [HashBankMatcher.MaxDistanceField],
    };

    public ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken) =>
        matcher.RunAsync(request, wantMatch: false, cancellationToken);
}

public static class HashBankServices
{
    /// <summary>The hash bank indexes, the image fetcher and the matcher (the signals and handlers are found by scanning).</summary>
    public static IServiceCollection AddHashBanks(this IServiceCollection services)
    {
        services.AddSingleton<HashBankIndexCache>();
        services.AddSingleton<ImageHashFetcher>();
        services.AddSingleton<HashBankMatcher>();
        return services;
    }
}
