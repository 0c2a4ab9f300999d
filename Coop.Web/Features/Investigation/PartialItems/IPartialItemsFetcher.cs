using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Investigation.PartialItems;

/// <summary>
/// Fetches items Coop has not stored from the platform's partial-items endpoint (Settings → Partial Items): a signed
/// POST of <c>{ items: [{ id, typeId }] }</c> answered by <c>{ items: [{ id, typeId, data, … }] }</c>. Items the
/// platform returns are validated against the partial schema variant and stored like any submission (source
/// <c>partial-items</c>), so the rest of Coop sees them.
/// </summary>
public interface IPartialItemsFetcher
{
    /// <summary>Fetches and stores the given items; the outcome says which were found and why a call failed.</summary>
    Task<PartialItemsOutcome> FetchAsync(string organizationId, IReadOnlyList<ItemIdentifier> items, CancellationToken cancellationToken = default);
}

/// <summary>What a fetch did: the items stored, and an error message when the endpoint is missing or failed.</summary>
public sealed record PartialItemsOutcome(IReadOnlyList<ItemIdentifier> Stored, string? Error)
{
    public static PartialItemsOutcome NotConfigured { get; } = new([], "No partial-items endpoint is set (Settings → Partial Items).");

    public bool Configured => !ReferenceEquals(this, NotConfigured);
}
