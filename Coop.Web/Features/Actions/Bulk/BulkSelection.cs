using System.Collections.Concurrent;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Web.Application;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>One item picked for a bulk run elsewhere (investigation results).</summary>
public sealed record BulkSelectedItem(string ItemTypeId, string ItemId);

/// <summary>Items handed to the bulk page: kept for the user who picked them, briefly, under a random token.</summary>
public sealed record BulkSelection(IReadOnlyList<BulkSelectedItem> Items);

/// <summary>
/// Hands a selection of items to /actions/bulk without putting thousands of ids in the address: the items are kept
/// in this node's memory under a random token (the page is then opened with <c>?selection=token</c>) for
/// <see cref="Lifetime"/>, readable only by the user who stored them. A Blazor circuit stays on one node, so the
/// page that reads the token runs where it was stored; an expired or unknown token just opens an empty form.
/// </summary>
internal sealed class BulkSelectionStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public string Put(string organizationId, string userId, IReadOnlyList<BulkSelectedItem> items)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now)
            {
                entries.TryRemove(key, out _);
            }
        }

        var token = Guid.NewGuid().ToString("N");
        entries[token] = new Entry(organizationId, userId, items, now + Lifetime);
        return token;
    }

    public IReadOnlyList<BulkSelectedItem>? Get(string token, string organizationId, string userId) =>
        entries.TryGetValue(token, out var entry) && entry.ExpiresAt > time.GetUtcNow()
            && entry.OrganizationId == organizationId && entry.UserId == userId
            ? entry.Items
            : null;

    private sealed record Entry(string OrganizationId, string UserId, IReadOnlyList<BulkSelectedItem> Items, DateTimeOffset ExpiresAt);
}

/// <summary>Keeps the picked items for the bulk page; returns the token to open it with.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record StashBulkSelectionCommand(IReadOnlyList<BulkSelectedItem> Items);

internal sealed class StashBulkSelectionHandler(BulkSelectionStore store, ICurrentUser currentUser) : ICommandHandler<StashBulkSelectionCommand, string>
{
    public async Task<string> HandleAsync(StashBulkSelectionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var items = (command.Items ?? []).Where(i => !string.IsNullOrWhiteSpace(i.ItemTypeId) && !string.IsNullOrWhiteSpace(i.ItemId)).Distinct().ToList();
        if (items.Count == 0)
        {
            throw new ValidationFailedException("items", "Select at least one item.");
        }

        if (items.Count > BulkActionRun.MaxItems)
        {
            throw new ValidationFailedException("items", $"A bulk run takes at most {BulkActionRun.MaxItems:N0} items.");
        }

        var actor = await currentUser.RequireActorAsync();
        return store.Put(actor.OrganizationId, actor.UserId, items);
    }
}

/// <summary>The items stored under a token by the same user, or null when it is unknown or expired.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record GetBulkSelectionQuery(string Token);

internal sealed class GetBulkSelectionHandler(BulkSelectionStore store, ICurrentUser currentUser) : IQueryHandler<GetBulkSelectionQuery, BulkSelection?>
{
    public async Task<BulkSelection?> HandleAsync(GetBulkSelectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        return string.IsNullOrWhiteSpace(query.Token) || store.Get(query.Token, actor.OrganizationId, actor.UserId) is not { } items
            ? null
            : new BulkSelection(items);
    }
}
