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
