using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation.PartialItems;

/// <summary>Settings → Partial items: the endpoint and the names of its headers (values are never shown again).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetPartialItemsSettingsQuery;

/// <summary>Saves the endpoint (blank for none) and headers; a header with a null value keeps its saved value.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SavePartialItemsSettingsCommand(string? Endpoint, IReadOnlyList<ActionHeaderInput> Headers);

/// <summary>Asks the platform for one item now and stores it, to check the settings (Manage organization).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record TestPartialItemsCommand(string ItemTypeId, string ItemId);

public sealed record PartialItemsSettingsView(string? Endpoint, IReadOnlyList<string> HeaderNames);

internal sealed class PartialItemsSettingsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IPartialItemsFetcher fetcher, TimeProvider time)
    : IQueryHandler<GetPartialItemsSettingsQuery, PartialItemsSettingsView>, ICommandHandler<SavePartialItemsSettingsCommand, PartialItemsSettingsView>,
      ICommandHandler<TestPartialItemsCommand, PartialItemsOutcome>
{
    public async Task<PartialItemsSettingsView> HandleAsync(GetPartialItemsSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        return View(settings);
    }

    public async Task<PartialItemsSettingsView> HandleAsync(SavePartialItemsSettingsCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ReviewSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(command.Endpoint) && ActionValidation.CallbackUrlError(command.Endpoint) is { } urlError)
        {
            errors[nameof(command.Endpoint)] = [urlError];
        }

        var headerErrors = ActionValidation.HeaderErrors(command.Headers ?? [], settings?.PartialItemsHeaders.Select(h => h.Name).ToList() ?? []).ToArray();
        if (headerErrors.Length > 0)
        {
            errors[nameof(command.Headers)] = headerErrors;
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (settings is null)
        {
            settings = ReviewSettings.DefaultsFor(actor.OrganizationId);
            db.ReviewSettings.Add(settings);
        }

        settings.SetPartialItems(command.Endpoint, command.Headers);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "partial-items.updated", "organization", actor.OrganizationId,
            settings.PartialItemsEndpoint is null ? "Partial items off." : $"Partial items from {settings.PartialItemsEndpoint} with {settings.PartialItemsHeaders.Count} header(s).",
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return View(settings);
    }

    public async Task<PartialItemsOutcome> HandleAsync(TestPartialItemsCommand command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command.ItemTypeId) || string.IsNullOrWhiteSpace(command.ItemId))
        {
            throw new ValidationFailedException(string.IsNullOrWhiteSpace(command.ItemTypeId) ? nameof(command.ItemTypeId) : nameof(command.ItemId),
                "Give the item type and the id of an item to fetch.");
        }

        var actor = await currentUser.RequireActorAsync();
        return await fetcher.FetchAsync(actor.OrganizationId, [new ItemIdentifier(command.ItemId.Trim(), command.ItemTypeId)], cancellationToken);
    }

    private static PartialItemsSettingsView View(ReviewSettings s) => new(s.PartialItemsEndpoint, [.. s.PartialItemsHeaders.Select(h => h.Name)]);
}
