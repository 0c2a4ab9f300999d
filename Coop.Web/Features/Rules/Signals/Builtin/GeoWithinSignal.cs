using Coop.Domain.Rules.LocationBanks;
using Coop.Domain.Signals;
using Coop.Domain.Signals.Geo;
using Coop.Web.Features.Rules.LocationBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary>
/// <c>geo.within</c>: whether the item's geohash lies in one of the condition's areas, given as geohash prefixes
/// inline (<c>prefix</c> or <c>prefix,label</c>) or in location banks. The matched value is the most specific
/// prefix (with its label). Each lookup costs at most 12 hash lookups per set, whatever its size.
/// </summary>
internal sealed class GeoWithinSignal(LocationBankCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "geo.within", "Is location in",
        "Passes when the geohash lies in one of the given areas (geohash prefixes, inline or from location banks).",
        SignalOutputType.Boolean, [SignalValueKind.Geohash], SignalMatching.Strings | SignalMatching.LocationBanks, Cost: 5);

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Value.Trim();
        if (value.Length == 0 || !value.All(c => GeohashPrefixSet.Alphabet.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal)))
        {
            return SignalResult.Failed("The value is not a geohash.");
        }

        var sets = new List<GeohashPrefixSet>();
        if (request.Strings.Any(s => !string.IsNullOrWhiteSpace(s)))
        {
            var (inline, errors) = LocationBankEntries.Parse(request.Strings);
            if (errors.Count > 0)
            {
                return SignalResult.Failed(string.Join(" ", errors.Values.SelectMany(v => v)));
            }

            sets.Add(new GeohashPrefixSet(inline));
        }

        foreach (var id in request.BankIds.Distinct(StringComparer.Ordinal))
        {
            var bank = await banks.GetAsync(request.OrganizationId, id, cancellationToken);
            if (bank is null)
            {
                return SignalResult.Failed($"The location bank '{id}' does not exist (it may have been deleted).");
            }

            sets.Add(bank.Prefixes);
        }

        if (sets.Sum(s => s.Count) == 0)
        {
            return SignalResult.Failed(TextMatching.NoMatchingValues);
        }

        var match = sets.Select(s => s.Find(value)).FirstOrDefault(m => m is not null);
        return SignalResult.Boolean(match is not null, match?.ToString());
    }
}
