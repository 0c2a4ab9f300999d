using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Web.Application;
using Coop.Web.Features.Investigation.PartialItems;

namespace Coop.Web.Features.Investigation.Items;

/// <summary>
/// Asks the platform's partial-items endpoint for an item Coop has not stored; what it returns is stored like any
/// submission. Not configured (no fetcher, or no endpoint) comes back as <see cref="PartialItemsOutcome.NotConfigured"/>.
/// </summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record FetchMissingItemCommand(string ItemTypeId, string ItemId);

/// <summary>What the fetch did: <see cref="Found"/> when the platform returned the item (now stored).</summary>
public sealed record FetchMissingItemResult(bool Found, string? Error);

internal sealed class FetchMissingItemHandler(IServiceProvider services, ICurrentUser currentUser)
    : ICommandHandler<FetchMissingItemCommand, FetchMissingItemResult>
{
    public async Task<FetchMissingItemResult> HandleAsync(FetchMissingItemCommand command, CancellationToken cancellationToken = default)
    {
        var org = (await currentUser.RequireActorAsync()).OrganizationId;
        var wanted = new ItemIdentifier(command.ItemId, command.ItemTypeId);

        // The fetcher is optional: a build or test without it behaves as an organization without an endpoint.
        var fetcher = services.GetService<IPartialItemsFetcher>();
        var outcome = fetcher is null ? PartialItemsOutcome.NotConfigured : await fetcher.FetchAsync(org, [wanted], cancellationToken);
        var found = outcome.Stored.Any(i => i.Id == wanted.Id && i.TypeId == wanted.TypeId);
        return new FetchMissingItemResult(found, found ? null : outcome.Error);
    }
}
