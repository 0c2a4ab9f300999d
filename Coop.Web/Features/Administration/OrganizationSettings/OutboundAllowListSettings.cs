using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Organizations;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.OrganizationSettings;

/// <summary>The organization's outbound allow-list and the networks configuration allows for every organization.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetOutboundAllowListQuery;

/// <summary>Replaces the outbound allow-list (hosts, IP addresses, CIDR blocks); validated and audited.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveOutboundAllowListCommand(IReadOnlyList<string> Entries);

public sealed record OutboundAllowListView(IReadOnlyList<string> Entries, IReadOnlyList<string> ConfiguredNetworks);

internal sealed class OutboundAllowListHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time, IOutboundAllowListSource source, OutboundConnectGuard guard)
    : IQueryHandler<GetOutboundAllowListQuery, OutboundAllowListView>, ICommandHandler<SaveOutboundAllowListCommand, OutboundAllowListView>
{
    public async Task<OutboundAllowListView> HandleAsync(GetOutboundAllowListQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = await db.Organizations.AsNoTracking().Where(o => o.Id == actor.OrganizationId).Select(o => o.OutboundAllowListJson).SingleAsync(cancellationToken);
        return View(OutboundAllowList.FromJson(json));
    }

    public async Task<OutboundAllowListView> HandleAsync(SaveOutboundAllowListCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var (entries, problems) = OutboundAllowList.Normalize(command.Entries ?? []);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems.ToDictionary(p => p.Key < 0 ? "entries" : $"entries/{p.Key}", p => new[] { p.Value }));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        var before = organization.OutboundAllowListEntries;
        if (before.SequenceEqual(entries, StringComparer.Ordinal))
        {
            return View(entries);
        }

        organization.SetOutboundAllowList(entries);
        var added = entries.Except(before, StringComparer.Ordinal).ToList();
        var removed = before.Except(entries, StringComparer.Ordinal).ToList();
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "outbound-allow-list.updated", "organization", actor.OrganizationId,
            $"added: {(added.Count == 0 ? "none" : string.Join(", ", added))}; removed: {(removed.Count == 0 ? "none" : string.Join(", ", removed))}",
            time.GetUtcNow().UtcDateTime, JsonSerializer.Serialize(before), JsonSerializer.Serialize(entries)));
        await db.SaveChangesAsync(cancellationToken);
        source.Invalidate(actor.OrganizationId);
        return View(entries);
    }

    private OutboundAllowListView View(IReadOnlyList<string> entries) =>
        new(entries, [.. guard.Policy.AllowedNetworks.Select(n => n.ToString())]);
}
