using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Components;

/// <summary>
/// Lists the matching banks of one kind (text, hash, location) a condition may use, for the condition editor's bank
/// picker. Each bank feature registers one; the editor asks all of them for the kinds a signal takes.
/// </summary>
public interface IRuleBankSource
{
    /// <summary>The organization's banks of <paramref name="kind"/> (a single flag); empty when this source has none of that kind.</summary>
    Task<IReadOnlyList<RuleBankChoice>> ListAsync(string organizationId, SignalMatching kind, CancellationToken cancellationToken);
}

/// <summary>A bank as the picker shows it: its id, name and how many entries it holds.</summary>
public sealed record RuleBankChoice(string Id, string Name, long Count);

/// <summary>Reads every bank kind a condition can use from all registered <see cref="IRuleBankSource"/>s at once.</summary>
public static class RuleBankSourceExtensions
{
    private static readonly SignalMatching[] Kinds = [SignalMatching.TextBanks, SignalMatching.HashBanks, SignalMatching.LocationBanks];

    /// <summary>The organization's banks per kind (text, hash, location), for the condition editor's bank picker.</summary>
    public static async Task<IReadOnlyDictionary<SignalMatching, IReadOnlyList<RuleBankChoice>>> ListAllAsync(
        this IEnumerable<IRuleBankSource> sources, string organizationId, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<SignalMatching, IReadOnlyList<RuleBankChoice>>();
        foreach (var kind in Kinds)
        {
            var all = new List<RuleBankChoice>();
            foreach (var source in sources)
            {
                all.AddRange(await source.ListAsync(organizationId, kind, cancellationToken));
            }

            loaded[kind] = all;
        }

        return loaded;
    }
}
